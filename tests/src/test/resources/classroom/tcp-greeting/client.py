# Textbook TCP client with the greeting exchange: sends its greeting (no newline), reads the server's with one
# recv(1024), then sends sample.txt and closes. The server's address is the first argument.
import socket
import sys

PORT = 9898

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((sys.argv[1], PORT))
me = s.getsockname()
print("Connected to %s:%d from %s:%d" % (sys.argv[1], PORT, me[0], me[1]))
s.send(b"Hello from the client!")
print("Server said:", s.recv(1024).decode(errors="replace"))
with open("sample.txt", "rb") as f:
    while True:
        data = f.read(1024)
        if not data:
            break
        s.sendall(data)
s.close()
print("File sent")

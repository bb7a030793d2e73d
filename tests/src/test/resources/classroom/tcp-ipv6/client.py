# The classic TCP client over IPv6: AF_INET6 is the one change; the server's address comes on the command line.
import socket
import sys

PORT = 9898

s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
s.connect((sys.argv[1], PORT))
print("Connected to", sys.argv[1], PORT)
print("Server said:", s.recv(1024).decode().strip())   # the greeting first: then the file
with open("sample.txt", "rb") as f:
    s.sendall(f.read())
s.shutdown(socket.SHUT_WR)   # "that was all": FIN, then wait for the server to close
while True:
    data = s.recv(1024)
    if not data:
        break
    print("Server said:", data.decode().strip())
s.close()
print("File sent")

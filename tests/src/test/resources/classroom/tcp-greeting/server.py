# Textbook TCP server with the greeting exchange: one recv(1024) is the client's greeting, the answer has no
# newline, then everything until EOF is the file, saved as recv.txt; then the next client.
import socket

PORT = 9898

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("", PORT))
server.listen(5)
print("Server is listening on port :", PORT)

while True:
    conn, addr = server.accept()
    print("Connection from", addr)
    greeting = conn.recv(1024)
    print("Client said:", greeting.decode(errors="replace"))
    conn.send(b"Hello from the server!")
    with open("recv.txt", "wb") as f:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            f.write(data)
    print("File has been copied successfully")
    conn.close()

# Classic TCP server: greets each client, receives a file until EOF, saves it as recv.txt.
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
    conn.sendall(b"Hello client\n")
    with open("recv.txt", "wb") as f:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            f.write(data)
    print("File has been copied successfully")
    conn.close()

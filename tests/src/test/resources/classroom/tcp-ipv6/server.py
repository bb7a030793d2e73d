# The classic TCP server over IPv6: an AF_INET6 socket bound to "::" (every address; on Linux IPv4 clients too,
# as IPv4-mapped addresses such as ::ffff:10.10.2.10).
import socket

PORT = 9898

server = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("::", PORT))
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

# The classic bug: one recv(512) is taken for the whole file.
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("", 9898))
server.listen(5)
print("Server is listening on port : 9898")
conn, addr = server.accept()
print("Connection from", addr)
data = conn.recv(512)
with open("recv.txt", "wb") as f:
    f.write(data)
print("Saved", len(data), "bytes")
conn.close()

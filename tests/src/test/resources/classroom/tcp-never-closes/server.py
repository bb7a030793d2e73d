# A server that saves the file but forgets to close the connection (and waits for ever).
import socket
import time

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("", 9898))
server.listen(5)
print("Server is listening on port : 9898")
conn, addr = server.accept()
print("Connection from", addr)
with open("recv.txt", "wb") as f:
    while True:
        data = conn.recv(1024)
        if not data:
            break
        f.write(data)
print("File saved; not closing")
while True:
    time.sleep(1)

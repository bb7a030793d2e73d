# A server that saves a recv.txt it did not receive (last year's, or a classmate's): it reads the connection and
# throws the bytes away. With a file of its own for each student (./lab check --class), it fails.
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("", 9898))
server.listen(5)
while True:
    conn, addr = server.accept()
    while conn.recv(4096):
        pass
    with open("recv.txt", "w") as f:
        f.write("socklab sample file\n===================\n")
    conn.close()

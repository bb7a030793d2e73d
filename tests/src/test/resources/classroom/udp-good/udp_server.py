# UDP server on 12000: prints who sent each datagram.
import socket

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("", 12000))
print("UDP server is listening on port : 12000")
while True:
    data, addr = s.recvfrom(2048)
    print(addr, data.decode())

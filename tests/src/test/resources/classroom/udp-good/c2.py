# UDP client 2: sends 1..100 from port 13000 to the server on 12000.
import socket
import sys
import time

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("", 13000))
for i in range(1, 101):
    s.sendto(str(i).encode(), (sys.argv[1], 12000))
    time.sleep(0.01)
print("c2 sent 100 datagrams from port 13000")

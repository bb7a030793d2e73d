# A client that sends part of the file and aborts: SO_LINGER with a zero timeout turns close() into RST.
import socket
import struct
import sys
import time

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((sys.argv[1], 9898))
with open("sample.txt", "rb") as f:
    s.sendall(f.read()[:100])
time.sleep(0.5)
s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
s.close()
print("aborted after 100 bytes")

# Textbook UDP client: sends one message to the server (first argument) on port 12000 and waits for the
# reply, the same text in capitals from the UDPServer exercise.
import socket
import sys

PORT = 12000

message = sys.argv[2] if len(sys.argv) > 2 else "hello from the classroom"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(10)   # UDP gives no error for a lost datagram: do not wait forever
s.sendto(message.encode(), (sys.argv[1], PORT))
reply, server = s.recvfrom(2048)
print("Reply from %s:%d: %s" % (server[0], server[1], reply.decode()))
s.close()

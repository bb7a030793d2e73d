# Tries to leave the lab: TCP to PORT on each ADDR given (the Docker host's addresses, IPv4 and IPv6), on the gateway (.1,
# over IPv6 ::1) of its own networks and of the server's (the Docker host, through the router), and a name through
# Docker's DNS. Prints "reached" or "blocked" for each.
import os
import socket
import sys

port = int(sys.argv[1])
own = [line.split()[3].split("/")[0] for line in os.popen("ip -o addr show scope global").read().splitlines()]
# The lab's IPv6 addresses are fd00:A:B:n::host: the network's ::1 is the Docker host, as .1 is over IPv4.
targets = sys.argv[2:] + [a.rsplit("::", 1)[0] + "::1" if ":" in a else a.rsplit(".", 1)[0] + ".1"
                          for a in own + [os.environ["SERVER_IP"]]]
for host in targets:
    s = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    # A host the fence lets through answers within a millisecond; a dropped SYN only waits this out. Short proves no
    # less: SandboxIT's listener on the Docker host counts any SYN that got out, however late.
    s.settimeout(0.5)
    try:
        s.connect((host, port))
        print("reached", host, port, flush=True)
    except OSError as e:
        print("blocked", host, port, e, flush=True)
    finally:
        s.close()
try:
    print("reached DNS: example.org is", socket.gethostbyname("example.org"), flush=True)
except OSError as e:
    print("blocked DNS:", e, flush=True)

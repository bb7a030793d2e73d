# Prints what a program under ./lab check may do: its ids, capabilities, no_new_privs, and which files it sees.
import os

with open("/proc/self/status") as f:
    for line in f:
        if line.split(":")[0] in ("Uid", "Gid", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs"):
            print(line.strip())
print("cwd", os.getcwd(), sorted(os.listdir(".")))
for path in ("/captures", "/files", "/code", "/var/lib/docker"):
    print("exists", path, os.path.exists(path))
try:
    os.setuid(0)
    print("setuid(0) worked")
except OSError as e:
    print("setuid(0) refused:", e.strerror)
# lab-user (PID 1, root) says on its own stderr how many processes the memory limit killed: try to forge that,
# to write to its stderr, and to stop it.
import signal, sys
print("lab-user: oom_kill 7", flush=True)
print("lab-user: oom_kill 7", file=sys.stderr, flush=True)
try:
    with open("/proc/1/fd/2", "w") as f:
        f.write("lab-user: oom_kill 7\n")
    print("write to PID 1's stderr worked")
except OSError as e:
    print("write to PID 1's stderr refused:", e.strerror)
try:
    os.kill(1, signal.SIGTERM)
    print("signal to PID 1 worked")
except OSError as e:
    print("signal to PID 1 refused:", e.strerror)

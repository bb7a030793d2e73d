# A disk filler: writes 1 MiB at a time into its working folder until the disk is full, then waits.
import time

written = 0
try:
    with open("filler.bin", "wb") as f:
        while True:
            f.write(b"x" * (1 << 20))
            f.flush()
            written += 1
except OSError as e:
    print("stopped after", written, "MiB:", e.strerror, flush=True)
time.sleep(3600)

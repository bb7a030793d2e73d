# A memory hog: 16 MiB at a time, each page written (untouched pages would cost nothing), until killed.
chunks = []
while True:
    chunks.append(b"x" * (16 << 20))
    print("holding", len(chunks) * 16, "MiB", flush=True)

# An endless printer.
while True:
    print("all work and no play makes a dull program " * 2)

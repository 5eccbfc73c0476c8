with open("definitely_missing_file.txt") as f:
    f.read()

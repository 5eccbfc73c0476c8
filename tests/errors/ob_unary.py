s = "text"
n = -s

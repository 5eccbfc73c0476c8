class Config:
    name = "cfg"
    size = len(name) * 2
    limit = size / (size - 6)

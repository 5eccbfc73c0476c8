class Bad:
    def __str__(self):
        return 42

print(Bad())

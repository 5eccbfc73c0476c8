class Code:
    def __str__(self):
        return "custom exit object"
raise SystemExit(Code())

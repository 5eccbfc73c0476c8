class Field:
    def __set_name__(self, owner, name):
        raise AttributeError(f"bad field {name}")

class Model:
    title = Field()

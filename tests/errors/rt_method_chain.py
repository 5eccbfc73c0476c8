class Account:
    def __init__(self, balance):
        self.balance = balance

    def withdraw(self, amount):
        self._check(amount)
        self.balance -= amount

    def _check(self, amount):
        if amount > self.balance:
            raise ValueError(f"insufficient funds: {amount} > {self.balance}")

class Bank:
    def __init__(self):
        self.accounts = {"a": Account(10)}

    def transfer(self, name, amount):
        self.accounts[name].withdraw(amount)

Bank().transfer("a", 25)

class AppError(Exception):
    def __init__(self, code, detail):
        super().__init__(code, detail)
        self.code = code

class NotFound(AppError):
    pass

raise NotFound(404, "page missing")

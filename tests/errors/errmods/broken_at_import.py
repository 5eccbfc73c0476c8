"""A module that fails while it is being imported."""
SETTINGS = {"debug": True}

def load():
    return SETTINGS["verbose"]

VALUE = load()

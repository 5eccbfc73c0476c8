class ConfigError(Exception):
    pass

def read(path):
    try:
        return open(path).read()
    except FileNotFoundError as e:
        raise ConfigError(f"cannot read {path}") from e

read("/nonexistent/config.ini")

"""_codecs: the two generic entry points pickle streams reference (_codecs.encode/decode)."""


def encode(obj, encoding='utf-8', errors='strict'):
    """Encode obj (a str) with the named codec."""
    return obj.encode(encoding, errors)


def decode(obj, encoding='utf-8', errors='strict'):
    """Decode obj (bytes-like) with the named codec."""
    return bytes(obj).decode(encoding, errors)

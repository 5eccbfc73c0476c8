# unicode_escape and raw_unicode_escape codecs
for s in ['a\tb\n', 'é☕😀', '\\', "'\"", '\x00\x7f\x80\xff', '\ud800']:
    print(repr(s.encode('unicode_escape')), repr(s.encode('raw_unicode_escape')))
for b in [b'a\\tb', b'\\x41\\u00e9\\U0001F600\\n\\101\\\\', b'\xe9', b'\\x4', b'\\u12', b'\\', b'\\U00110000', b'\\u00e9', b'x\\\\u0041', b'\\\\\\u0041', b'\\x4g', b'line\\\ncont', b'\\0']:
    for c in ['unicode_escape', 'raw_unicode_escape']:
        for err in ['strict', 'replace', 'ignore']:
            try: print(c, err, b, repr(b.decode(c, err)))
            except Exception as e: print(c, b, type(e).__name__, e, e.start, e.end)

# Unicode case mapping and classification across scripts
samples = ["café", "ÉCOLE", "straße", "ΑΒΓ αβγ ς", "Привет Мир", "ǅǆǄ", "ĳĲ ŉ", "Ωμέγα", "ﬀ ﬁ ﬂ", "İstanbul", "ǰ", "ﬓ", "ᾳ ᾼ", "Ǳ", "Ⓐⓑ", "𐐀𐐨", "ꭰ", "ß"]
for w in samples:
    print(w, w.upper(), w.lower(), w.title(), w.capitalize(), w.swapcase(), w.casefold(), len(w.upper()))
for w in ["ΣΑΣ", "ΑΣ.", "Σ", "aΣ", "aΣb", "aΣ'", "a'Σ", "ΣΣ", "Α Σ Β", "ΌΣΟΣ ΠΟΛΥΣ"]:
    print(w, w.lower(), w.swapcase(), w.title(), w.capitalize())
chars = "aZ5_ \t\n\x0b\x1c\x85\xa0\xad\xb2\xbc\xe9\u00d7\u0300\u0660\u0966\u2028\u2160\u2167\u3000\u30fc\u4e00\uff10\U0001f600\U0001d7ce\U00010400\u200d\u00aa\u02b0"
for c in chars:
    print(hex(ord(c)), c.isalpha(), c.isalnum(), c.isdigit(), c.isdecimal(), c.isnumeric(), c.isspace(), c.isprintable(), c.islower(), c.isupper(), c.isidentifier(), ("a" + c).isidentifier())
print("١٢٣".isdigit(), "Ⅳ".isnumeric(), "𝟘".isdecimal(), "x²".isalnum(), "ǅ".istitle(), "ǅa".istitle())
print(repr("\u0378 \ue000 \U000f0000 \u00ad \u034f \u061c \ufeff \ufffd \U0001f1e6"))

def validate(x):
    try:
        int(x)
    except ValueError as e:
        e.add_note(f"while validating {x!r}")
        e.add_note("second note\nwith two lines")
        raise

validate("abc")

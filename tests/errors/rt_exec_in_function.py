def run():
    eval("undefined_thing + 1", {})
run()

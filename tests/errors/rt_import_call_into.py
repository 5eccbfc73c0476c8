from errmods import helpers

def run():
    return helpers.apply(lambda v: v["missing"], [{"k": 1}])

run()

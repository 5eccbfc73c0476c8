try:
    {}["a"]
except KeyError:
    undefined_in_handler

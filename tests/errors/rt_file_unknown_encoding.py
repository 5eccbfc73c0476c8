open(__file__, encoding="no-such-codec")

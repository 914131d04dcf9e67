"""One module per command; the click layer in cli.py only builds options and calls execute()."""

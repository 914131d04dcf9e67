"""Export formats of the tidy tables, one module each with a `write(out, tables, programmes)`."""

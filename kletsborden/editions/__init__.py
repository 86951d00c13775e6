"""Card editions as data: the domain types, and reading, validating and writing edition files."""

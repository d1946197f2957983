"""A problem in an input file, located."""


class DataError(Exception):
    def __init__(self, path, line, column, found, expected):
        super().__init__(f"{path}:{line}: column {column}: found {found}; expected {expected}")

"""Write a text file whole or not at all: a temporary file beside it, then a rename."""
import os
import tempfile
from pathlib import Path


def write_atomically(path, text):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8",
                                     newline="\n", prefix=f".{path.name}.", suffix=".tmp") as out:
        out.write(text)
        name = out.name
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)  # as an ordinary new file, not the temporary file's 0600
    os.replace(name, path)

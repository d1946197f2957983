#!/usr/bin/python3
"""Restores a scenario and every file it included from a results file, so the run can be
repeated exactly (docs/scenario-format.md#include).

The results file stores the scenario's text (root attribute scenario_text) followed, for
each included file, by a header line and the file's exact bytes:

    <the scenario's own text>
    #@pcsim include "fragments/practice-changes.toml" 10419 bytes
    <those 10419 bytes>
    ...

Paths are relative to the scenario's folder. The SHA-256 of the whole text is checked
against scenario_sha256 when reading a results file.

Usage: scripts/restore_scenario.py RESULTS.h5|TEXT_FILE OUTPUT_FOLDER [--name scenario.toml]
"""
import argparse
import hashlib
import re
import sys
from pathlib import Path, PurePosixPath

HEADER = re.compile(rb'\n#@pcsim include "((?:[^"\\]|\\.)*)" (\d+) bytes\n')


def split_stored_text(data):
    """(own text, [(path, bytes)]) from the stored bytes. A header is accepted only where the
    byte counts chain exactly to the end, so a scenario quoting such a line is not split."""
    for first in HEADER.finditer(data):
        files, at = [], first.start()
        while at < len(data):
            match = HEADER.match(data, at)
            if not match:
                break
            end = match.end() + int(match.group(2))
            if end > len(data):
                break
            path = re.sub(rb"\\(.)", rb"\1", match.group(1)).decode("utf-8")
            files.append((path, data[match.end():end]))
            at = end
        if at == len(data):
            return data[:first.start()], files
    return data, []


def read_stored_text(source):
    if source.suffix == ".h5":
        import h5py  # only needed for results files
        with h5py.File(source, "r") as f:
            text, digest = f.attrs["scenario_text"], f.attrs["scenario_sha256"]
        text = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        digest = digest.decode() if isinstance(digest, bytes) else str(digest)
        if hashlib.sha256(text).hexdigest() != digest:
            sys.exit(f"{source}: scenario_text does not match scenario_sha256")
        return text
    return source.read_bytes()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a results file (.h5) or a file holding scenario_text")
    parser.add_argument("output", type=Path, help="the folder to write the scenario and its included files to")
    parser.add_argument("--name", default="scenario.toml", help="file name for the scenario itself")
    args = parser.parse_args()
    own, files = split_stored_text(read_stored_text(args.source))
    for path, _ in files:
        relative = PurePosixPath(path)
        if relative.is_absolute() or ".." in relative.parts:
            sys.exit(f"{path}: the scenario included a file outside its folder; restore it by hand "
                     "from the text after its '#@pcsim include' line")
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / args.name).write_bytes(own)
    for path, data in files:
        target = args.output / Path(*PurePosixPath(path).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(f"restored {args.output / args.name}" + "".join(f"\n  and {path}" for path, _ in files))


if __name__ == "__main__":
    main()

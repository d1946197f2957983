"""`pcsim schema` against the loader (docs/scenario-format.md, "The JSON Schema").

Every shipped scenario and every TOML example in docs/ validates against the schema with
Debian's python3-jsonschema (Draft 2020-12); every parameter's x-pcsim-plausible-*
annotations are the registry's (as docs/scenario-format.md's tables give it, which
tests/scenarios/test_format_doc.cpp holds to the registry); each scenario in INVALID, a copy of
scenarios/synthetic.toml with one thing broken, fails the schema and is refused by
`pcsim validate` (exit 3), as the loader refuses it. The unbroken copy passes both.

Usage: /usr/bin/python3 tests/cli/check_schema.py PCSIM SCHEMA.json (from the repository root)
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import tomllib

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parents[2]
failures = []

# The base a docs fragment is laid over (as tests/scenarios/test_doc_examples.cpp does).
BASE = """format = 1
[practices]
payments_csv = "data/nhs-payments/nhspaymentsgp-16-17.csv"
ccg_codes = ["00T"]
gp_headcount_csv = "data/gp-workforce/practice_gp_headcount_by_year.csv"
gp_age_profile = { under_30 = 0.04, 30_34 = 0.12, 35_39 = 0.14, 40_44 = 0.14, 45_49 = 0.14, 50_54 = 0.14, 55_59 = 0.14, 60_64 = 0.09, 65_plus = 0.05 }
"""

# (what is broken, text replaced in synthetic.toml, its replacement); an empty `old`
# appends `new` at the end of the file.
INVALID = [
    ("unknown key", "list_noise_sd = 0.01", "list_noise = 0.01"),
    ("value above its range", "gp_share = 0.55", "gp_share = 1.55"),
    ("string for a number", "gp_share = 0.55", 'gp_share = "most"'),
    ("unknown distribution", 'consultations_per_patient = { dist = "pert"',
     'consultations_per_patient = { dist = "gamma"'),
    ("pert without its mode", "min = 4.6, mode = 5.2, max = 6.0", "min = 4.6, max = 6.0"),
    ("unknown key in a distribution", "min = 4.6, mode = 5.2, max = 6.0",
     "min = 4.6, mode = 5.2, max = 6.0, shape = 3"),
    ("untruncated normal for a share", "gp_share = 0.55",
     'gp_share = { dist = "normal", mean = 0.55, sd = 0.05 }'),
    ("uniform beyond the range", "self_care_share = 0.3",
     'self_care_share = { dist = "uniform", min = 0.1, max = 1.2 }'),
    ("negative sd", "mean = 0.75, sd = 0.08", "mean = 0.75, sd = -0.08"),
    ("lognormal given both ways", 'retirement_multiplier = { dist = "uniform", min = 0.8, max = 1.3',
     'retirement_multiplier = { dist = "lognormal", mean = 1, sd = 0.1, mu = 0, sigma = 0.1, upper = 3'),
    ("distribution for a boolean", "levelling_up = true",
     'levelling_up = { dist = "uniform", min = 0, max = 1 }'),
    ("fraction for an integer", "horizon_years = 5", "horizon_years = 5.5"),
    ("unknown choice", 'target = "median"', 'target = "avg"'),
    ("format 2", "format = 1", "format = 2"),
    ("no payments_csv", 'payments_csv = "data/synthetic-payments.csv"\n', ""),
    ("an age band missing", ', "65_plus" = 0.07 }', " }"),
    ("role name with a space", "[roles.pharmacist]", '[roles."clinical pharmacist"]'),
    ("run setting in an option", "", '\n[[options]]\nname = "more"\nseed = 3\n'),
    ("option without a name", "", '\n[[options]]\ndescription = "unnamed"\n'),
    ("empty attributes_column", 'attributes_column = "TOTAL_NURSES_FTE"', 'attributes_column = ""'),
    ("attributes_column in an option", "",
     '\n[[options]]\nname = "more"\n[options.roles.nurse]\nattributes_column = "X"\n'),
    # Read once when the practices are loaded (docs/scenario-format.md, Options): one value.
    ("distribution for a role's baseline FTE", "[roles.pharmacist]\nbaseline_fte_per_1000 = 0.0",
     '[roles.pharmacist]\nbaseline_fte_per_1000 = { dist = "uniform", min = 0, max = 2 }'),
    ("a role's baseline FTE in an option", "",
     '\n[[options]]\nname = "more"\n[options.roles.pharmacist]\nbaseline_fte_per_1000 = 2\n'),
]

# Parameters read once, at load, for every option: the baseline's table only.
READ_AT_LOAD = {"roles.*.baseline_fte_per_1000"}

# Valid variants the loader accepts: every distribution kind with each of its keys, so the
# schema's description of the kinds cannot be narrower than the loader's.
VALID = [
    ("pert with lambda", "min = 4.6, mode = 5.2, max = 6.0", "min = 4.6, mode = 5.2, max = 6.0, lambda = 6"),
    ("fixed as a distribution", "gp_share = 0.55", 'gp_share = { dist = "fixed", value = 0.55, rationale = "x" }'),
    ("triangular", "gp_share = 0.55", 'gp_share = { dist = "triangular", min = 0.5, mode = 0.55, max = 0.6 }'),
    ("truncated normal", "gp_share = 0.55",
     'gp_share = { dist = "normal", mean = 0.55, sd = 0.05, lower = 0.4, upper = 0.7 }'),
    ("lognormal by moments", 'retirement_multiplier = { dist = "uniform", min = 0.8, max = 1.3',
     'retirement_multiplier = { dist = "lognormal", mean = 1, sd = 0.1, lower = 0.5, upper = 3'),
    ("lognormal by mu and sigma", 'retirement_multiplier = { dist = "uniform", min = 0.8, max = 1.3',
     'retirement_multiplier = { dist = "lognormal", mu = 0, sigma = 0.1, upper = 3'),
    ("beta by alpha and beta", "mean = 0.75, sd = 0.08", "alpha = 20, beta = 6"),
    ("discrete with weights", "self_care_share = 0.3",
     'self_care_share = { dist = "discrete", values = [0.2, 0.3, 0.4], weights = [1, 2, 1] }'),
    ("a valued boolean", "levelling_up = true", 'levelling_up = { value = true, rationale = "x" }'),
    ("a valued choice", 'target = "median"', 'target = { value = "mean", rationale = "x" }'),
    ("an option", "", '\n[[options]]\nname = "more"\ncommissioning_level = 2\n[options.roles.nurse]\nnew_posts_per_30000 = 1\n'),
    ("lhs and a correlation", "",
     '\n[sampling]\nmethod = "lhs"\n[[sampling.correlations]]\na = "population.list_growth"\n'
     'b = "population.consultations_per_patient"\nrank_correlation = 0.3\n'),
]


def check(condition, message):
    if not condition:
        failures.append(message)


def merge(into, fragment):
    for key, value in fragment.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            merge(into[key], value)
        else:
            into[key] = value


def toml_blocks(doc):
    """The ```toml blocks of a Markdown file, with their opening lines."""
    blocks, open_block, indent = [], None, 0
    for number, line in enumerate(doc.read_text().splitlines(), 1):
        body = line.strip()
        if open_block is None and body == "```toml":
            open_block, indent = [number, []], len(line) - len(line.lstrip(" "))
        elif open_block is not None and body == "```":
            blocks.append((open_block[0], "\n".join(open_block[1])))
            open_block = None
        elif open_block is not None:
            open_block[1].append(line[indent:])
    return blocks


def registry_tables():
    """docs/scenario-format.md's tables of plausible ranges and of bands against the
    practices' spend, which tests/scenarios/test_format_doc.cpp holds to the parameter
    registry row for row: {path: (minimum, maximum, basis)} each."""
    def table(header, basis_column):
        lines = (ROOT / "docs/scenario-format.md").read_text().splitlines()
        start = lines.index(header) + 2
        rows = {}
        for line in lines[start:]:
            if not line.startswith("| `"):
                break
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            bounds = re.fullmatch(r"from (\S+) to (\S+)", cells[1])
            check(bounds, f"docs: a range not 'from A to B': {line[:120]}")
            rows[cells[0].strip("`")] = (float(bounds[1]), float(bounds[2]), cells[basis_column])
        check(rows, f"docs: no rows under '{header}'")
        return rows
    return (table("| path | plausible values | unit | basis |", 3),
            table("| path | plausible multiples of the practices' baseline spend | basis |", 2))


def schema_parameters(schema):
    """{registry path: [its schema in the baseline, in an option]}: every property that
    carries x-unit (a registry parameter), by its dotted path with '*' for a role's or a
    quality standard's name."""
    defs, found = schema["$defs"], {}

    def walk(node, path):
        if node.get("$ref", "").startswith("#/$defs/table_"):
            node = defs[node["$ref"].rsplit("/", 1)[1]]
        if "x-unit" in node:
            found.setdefault(path, []).append(node)
            return
        for key, child in node.get("properties", {}).items():
            walk(child, f"{path}.{key}" if path else key)
        if isinstance(node.get("additionalProperties"), dict):
            walk(node["additionalProperties"], f"{path}.*")
        if path == "options":
            walk(node["items"], "")  # an option holds the baseline's paths

    walk(schema, "")
    return found


def check_plausibility_annotations(schema):
    """Each parameter's x-pcsim-plausible-{minimum,maximum,basis} and, for the £ totals,
    x-pcsim-plausible-spend-ratio-{minimum,maximum,basis} are the registry's, in the
    baseline and in options; a parameter without them in the registry has none."""
    ranges, bands = registry_tables()
    parameters = schema_parameters(schema)
    check(len(parameters) > 100, f"only {len(parameters)} parameters found in the schema")
    check(set(ranges) <= set(parameters), f"ranged parameters not in the schema: {set(ranges) - set(parameters)}")
    for path, nodes in parameters.items():
        if path in READ_AT_LOAD:
            check(len(nodes) == 1, f"{path}: {len(nodes)} places in the schema, expected the baseline only")
        else:
            check(len(nodes) == 2, f"{path}: {len(nodes)} places in the schema, expected the baseline and options")
        for node in nodes:
            for prefix, registry in [("x-pcsim-plausible-", ranges), ("x-pcsim-plausible-spend-ratio-", bands)]:
                got = (node.get(prefix + "minimum"), node.get(prefix + "maximum"), node.get(prefix + "basis"))
                if path not in registry:
                    check(got == (None, None, None), f"{path}: {prefix}* without a registry entry: {got}")
                    continue
                low, high, basis = registry[path]
                check(got[0] is not None and abs(got[0] - low) <= 1e-9 * max(1, abs(low)),
                      f"{path}: {prefix}minimum {got[0]}, registry {low}")
                check(got[1] is not None and abs(got[1] - high) <= 1e-9 * max(1, abs(high)),
                      f"{path}: {prefix}maximum {got[1]}, registry {high}")
                check(got[2] == basis, f"{path}: {prefix}basis differs from the registry's")
    return len(ranges), len(bands)


def errors_of(validator, data):
    return sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))


def main(pcsim, schema_path):
    schema = json.loads(pathlib.Path(schema_path).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    ranged, banded = check_plausibility_annotations(schema)

    shipped = sorted((ROOT / "scenarios").glob("*.toml"))
    check(len(shipped) >= 4, f"only {len(shipped)} shipped scenarios found")
    for path in shipped:
        for error in errors_of(validator, tomllib.loads(path.read_text())):
            failures.append(f"{path.name}: {'/'.join(map(str, error.absolute_path))}: {error.message}")

    examples = 0
    for doc in sorted((ROOT / "docs").glob("*.md")):
        for line, text in toml_blocks(doc):
            examples += 1
            data = tomllib.loads(text)
            if not re.search(r"^format\s*=", text, re.M):
                base = tomllib.loads(BASE)
                merge(base, data)
                data = base
            for error in errors_of(validator, data):
                failures.append(f"{doc.name}:{line}: {'/'.join(map(str, error.absolute_path))}: "
                                f"{error.message[:300]}")
    check(examples >= 9, f"only {examples} TOML examples in docs/")

    synthetic = (ROOT / "scenarios/synthetic.toml").read_text()
    data_dir = (ROOT / "scenarios/data").as_posix()
    with tempfile.TemporaryDirectory() as work:
        def loader_code(text, name):
            # The copy lives elsewhere: its data paths made absolute.
            path = pathlib.Path(work) / f"{name}.toml"
            path.write_text(text.replace('"data/', f'"{data_dir}/'))
            run = subprocess.run([pcsim, "validate", str(path)], capture_output=True, text=True)
            return run.returncode, run.stderr

        code, err = loader_code(synthetic, "unbroken")
        check(code == 0, f"the unbroken copy is refused by the loader (exit {code}): {err[:500]}")
        check(not errors_of(validator, tomllib.loads(synthetic)), "the unbroken copy fails the schema")
        for number, (what, old, new) in enumerate(VALID):
            check(not old or old in synthetic, f"{what}: '{old}' is not in synthetic.toml")
            text = synthetic.replace(old, new, 1) if old else synthetic + new
            code, err = loader_code(text, f"valid-{number}")
            check(code == 0, f"{what}: the loader gives exit {code}, expected 0: {err[:300]}")
            for error in errors_of(validator, tomllib.loads(text)):
                failures.append(f"{what}: the schema refuses it: {error.message[:300]}")
        for number, (what, old, new) in enumerate(INVALID):
            if old:
                check(old in synthetic, f"{what}: '{old}' is not in synthetic.toml")
                text = synthetic.replace(old, new, 1)
            else:
                text = synthetic + new
            code, err = loader_code(text, f"invalid-{number}")
            check(code == 3, f"{what}: the loader gives exit {code}, expected 3")
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as error:
                failures.append(f"{what}: not TOML: {error}")
                continue
            check(errors_of(validator, data), f"{what}: the schema accepts it")

    print(f"check_schema: {len(shipped)} scenarios, {examples} docs examples and {len(VALID)} "
          f"variants valid; {len(INVALID)} invalid scenarios refused by both; the plausible ranges of "
          f"{ranged} parameters and the spend bands of {banded} annotated as the registry's")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

"""The scenario file, read the way pcsim reads it (docs/scenario-format.md): TOML with
`include`s, every model parameter checked against the registry that pcsim publishes as
scenarios/scenario.schema.json (its defaults, types and choices), and each uncertain
parameter's distribution ready to be drawn per iteration.

What the shipped scenarios (national.toml, bolton.toml) do not use and this peer does not
implement is refused with a message that names it (NotImplementedInPeer), never ignored.
"""
from __future__ import annotations

import json
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
SCHEMA = REPO / "scenarios" / "scenario.schema.json"

AGE_BANDS = ["under_30", "30_34", "35_39", "40_44", "45_49", "50_54", "55_59", "60_64", "65_plus"]
RUN_SETTINGS = {"format", "name", "description", "seed", "iterations", "baseline", "include"}
TOP_PARAMETERS = {"commissioning_level", "horizon_years", "start_year"}
SECTIONS = {"population", "workforce", "roles", "capacity", "funding", "savings", "economics",
            "practice_changes", "additional_roles"}


class ScenarioError(Exception):
    """Bad scenario input: the message names the file and key."""


class NotImplementedInPeer(Exception):
    """A scenario feature that pcsim supports and this NumPy peer does not."""


@dataclass
class Parameter:
    """One registry entry: its kind (number, integer, boolean, choice), default, choices."""
    kind: str
    default: object
    choices: list | None = None


def _registry_entry(prop: dict, defs: dict) -> Parameter | None:
    ref = prop.get("$ref", "").rsplit("/", 1)[-1]
    if ref.startswith("number_"):
        return Parameter("number", prop.get("default"))
    if ref.startswith("integer_"):
        return Parameter("integer", prop.get("default"))
    if ref == "boolean":
        return Parameter("boolean", prop.get("default"))
    if ref.startswith("choice_"):
        return Parameter("choice", prop.get("default"), defs[ref]["anyOf"][0]["enum"])
    return None


def load_registry() -> tuple[dict, dict, dict]:
    """(parameters by dotted path, role parameters, quality-standard parameters), from the
    schema pcsim writes from its parameter registry (model/parameter_registry.hpp)."""
    schema = json.loads(SCHEMA.read_text())
    defs = schema["$defs"]
    params: dict[str, Parameter] = {}
    for name in TOP_PARAMETERS:
        params[name] = _registry_entry(schema["properties"][name], defs)

    def walk(table: str, prefix: str) -> None:
        for key, prop in defs[table]["properties"].items():
            entry = _registry_entry(prop, defs)
            if entry is not None:
                params[prefix + key] = entry
            elif f"{table}_{key}" in defs and key != "quality_standards":
                walk(f"{table}_{key}", prefix + key + ".")

    for section in SECTIONS - {"roles"}:
        walk(f"table_{section}", section + ".")
    roles = {k: _registry_entry(p, defs) for k, p in defs["table_roles__"]["properties"].items()}
    standards = {k: _registry_entry(p, defs)
                 for k, p in defs["table_funding_quality_standards__"]["properties"].items()}
    return params, roles, standards


# ---- distributions (docs/scenario-format.md, Distributions; model/distribution.cpp) ----

@dataclass
class Distribution:
    kind: str
    args: dict = field(default_factory=dict)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        a = self.args
        if self.kind == "fixed":
            return np.full(n, float(a["value"]))
        if self.kind == "uniform":
            return rng.uniform(a["min"], a["max"], n)
        if self.kind == "triangular":
            if a["min"] == a["max"]:
                return np.full(n, float(a["min"]))
            return rng.triangular(a["min"], a["mode"], a["max"], n)
        if self.kind == "pert":  # min + (max - min) Beta(1 + l (mode-min)/range, 1 + l (max-mode)/range)
            lo, mode, hi, lam = a["min"], a["mode"], a["max"], a.get("lambda", 4.0)
            if hi == lo:
                return np.full(n, float(lo))
            r = hi - lo
            return lo + r * rng.beta(1 + lam * (mode - lo) / r, 1 + lam * (hi - mode) / r, n)
        if self.kind == "beta":
            if "alpha" in a:
                return rng.beta(a["alpha"], a["beta"], n)
            mean, var = a["mean"], a["sd"] ** 2
            if not var < mean * (1 - mean):
                raise ScenarioError(f"beta: sd {a['sd']} too large for mean {mean}")
            total = mean * (1 - mean) / var - 1
            return rng.beta(mean * total, (1 - mean) * total, n)
        if self.kind == "discrete":
            values = np.asarray(a["values"], float)
            w = np.asarray(a.get("weights", [1.0] * len(values)), float)
            return rng.choice(values, size=n, p=w / w.sum())
        if self.kind in ("normal", "lognormal"):
            return self._truncated(rng, n)
        raise ScenarioError(f"unknown distribution '{self.kind}'")

    def _truncated(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """Normal or lognormal, truncated to [lower, upper] by rejection (the law of the
        inverse-CDF draw pcsim makes); refuses a truncation keeping under 1e-3."""
        a = self.args
        if self.kind == "normal":
            mu, sigma, transform = a["mean"], a["sd"], (lambda z: z)
            lower, upper = a.get("lower", -math.inf), a.get("upper", math.inf)
        else:
            if "mu" in a:
                mu, sigma = a["mu"], a["sigma"]
            else:
                s2 = math.log1p((a["sd"] / a["mean"]) ** 2)
                mu, sigma = math.log(a["mean"]) - 0.5 * s2, math.sqrt(s2)
            transform = np.exp
            lower, upper = a.get("lower", 0.0), a.get("upper", math.inf)
        out = np.empty(0)
        for _ in range(1000):
            x = transform(rng.normal(mu, sigma, max(4 * n, 64)))
            x = x[(x >= lower) & (x <= upper)]
            out = np.concatenate([out, x])
            if out.size >= n:
                return out[:n]
        raise NotImplementedInPeer(
            f"{self.kind} truncated to [{lower}, {upper}] keeps too little probability for "
            "the peer's rejection sampler")


@dataclass
class Scenario:
    path: Path
    name: str
    seed: int
    iterations: int
    values: dict            # dotted path -> fixed value (number, int, bool or str)
    uncertain: dict         # dotted path -> Distribution
    roles: list             # role names, in file order
    standards: list         # quality standard names, in file order
    practices: dict         # the [practices] table as written
    practices_lines: dict = field(default_factory=dict)

    def get(self, path: str):
        return self.values[path]

    def draw(self, rng: np.random.Generator, n: int) -> dict:
        """Every parameter for n iterations: a float array (n,) for numbers (drawn or
        constant), the plain value otherwise. Draws in sorted path order."""
        out = {}
        for path, value in self.values.items():
            out[path] = np.full(n, float(value)) if isinstance(value, float) else value
        for path in sorted(self.uncertain):
            out[path] = self.uncertain[path].sample(rng, n)
        return out


def _is_leaf(value) -> bool:
    return not isinstance(value, dict) or "value" in value or "dist" in value


def _flatten(table: dict, prefix: str, out: dict, origin: dict, file: str) -> None:
    for key, value in table.items():
        path = prefix + key
        if _is_leaf(value):
            if path in out:
                raise ScenarioError(f"{file}: key '{path}' set a second time (first in "
                                    f"{origin[path]}); each key is set in one file only")
            out[path], origin[path] = value, file
        else:
            _flatten(value, path + ".", out, origin, file)


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except OSError as e:
        raise ScenarioError(f"{path}: cannot be read ({e.strerror})") from e
    except tomllib.TOMLDecodeError as e:
        raise ScenarioError(f"{path}: not valid TOML ({e})") from e


def _include(path: Path, flat: dict, origin: dict, depth: int, seen: set) -> None:
    doc = _read_toml(path)
    for name in doc.get("include", []):
        child = (path.parent / name).resolve()
        if child in seen or depth >= 4:
            raise ScenarioError(f"{path}: include '{name}': a cycle, a repeat or more than 4 levels")
        seen.add(child)
        _include(child, flat, origin, depth + 1, seen)
    if depth > 1:
        bad = set(doc) & (RUN_SETTINGS - {"include"} | {"practices", "options", "sampling"})
        if bad:
            raise ScenarioError(f"{path}: an included file holds model parameters only, found {sorted(bad)}")
    body = {k: v for k, v in doc.items() if k not in RUN_SETTINGS | {"practices", "options", "sampling"}}
    _flatten(body, "", flat, origin, str(path))


def _value(path: str, raw, entry: Parameter):
    """A fixed value or a Distribution, checked against the parameter's kind."""
    if isinstance(raw, dict) and "dist" in raw:
        if entry.kind != "number":
            raise ScenarioError(f"key '{path}': only number parameters may be uncertain")
        args = {k: v for k, v in raw.items() if k not in ("dist", "rationale")}
        if raw["dist"] == "fixed":
            return float(args["value"])
        return Distribution(raw["dist"], args)
    value = raw["value"] if isinstance(raw, dict) else raw
    if entry.kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ScenarioError(f"key '{path}': found {value!r}; expected a number")
        return float(value)
    if entry.kind == "integer" and (isinstance(value, bool) or not isinstance(value, int)):
        raise ScenarioError(f"key '{path}': found {value!r}; expected an integer")
    if entry.kind == "boolean" and not isinstance(value, bool):
        raise ScenarioError(f"key '{path}': found {value!r}; expected true or false")
    if entry.kind == "choice" and value not in entry.choices:
        raise ScenarioError(f"key '{path}': found {value!r}; expected one of {entry.choices}")
    return value


def load_scenario(path: str | Path) -> Scenario:
    path = Path(path).resolve()
    doc = _read_toml(path)
    if doc.get("format") != 1:
        raise ScenarioError(f"{path}: key 'format': expected 1")
    if doc.get("options"):
        raise NotImplementedInPeer(f"{path}: [[options]] (the peer runs the baseline only)")
    sampling = doc.get("sampling", {})
    if sampling.get("method", "random") != "random" or sampling.get("correlations"):
        raise NotImplementedInPeer(f"{path}: [sampling] (Latin hypercube, rank correlations)")
    flat, origin = {}, {}
    _include(path, flat, origin, 1, {path})

    params, role_params, standard_params = load_registry()
    # Roles and standards in the order their keys first appear (includes first).
    roles, standards = [], []
    for f in flat:
        parts = f.split(".")
        if parts[0] == "roles" and parts[1] not in roles:
            roles.append(parts[1])
        if f.startswith("funding.quality_standards.") and parts[2] not in standards:
            standards.append(parts[2])

    entries = dict(params)
    for r in roles:
        for k, e in role_params.items():
            if e is not None:
                entries[f"roles.{r}.{k}"] = e
    for s in standards:
        for k, e in standard_params.items():
            entries[f"funding.quality_standards.{s}.{k}"] = e
    values, uncertain = {}, {}
    for p, e in entries.items():
        if e.kind == "number":
            values[p] = float(e.default)
        else:
            values[p] = e.default
    for p, raw in flat.items():
        if p.startswith("roles.") and p.endswith(".attributes_column"):
            raise NotImplementedInPeer(f"{origin[p]}: '{p}' (a practice attributes file)")
        if p not in entries:
            raise ScenarioError(f"{origin[p]}: unknown key '{p}'")
        v = _value(p, raw, entries[p])
        if isinstance(v, Distribution):
            uncertain[p] = v
            values.pop(p, None)
        else:
            values[p] = v
    return Scenario(path=path, name=doc.get("name", path.stem), seed=int(doc.get("seed", 1)),
                    iterations=int(doc.get("iterations", 1000)), values=values,
                    uncertain=uncertain, roles=roles, standards=standards,
                    practices=doc.get("practices", {}))

#!/usr/bin/python3
"""The bad-input suite (issue 15, item 8): over a hundred broken scenarios, files and
command lines, each run through `pcsim run` (and, for the scenario cases, `pcsim
validate`, which must agree). Every case asserts

- the exit code (3 for bad input, 2 for a bad command line, 4 for an output path);
- that the message names the file, the line where the problem is (found here in the
  broken text itself, by a marker, independently of pcsim) and the key;
- that no results file, and no temporary file, is left.

Cases are broken copies of scenarios/synthetic.toml, each with one fault. The CSV
*contents* are another suite's (the practice readers'); the files themselves (missing, a
directory, a FIFO, a device, too large) are here.

Usage (from the repository root): /usr/bin/python3 tests/cli/bad_inputs.py PATH_TO_PCSIM
"""
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

PCSIM = os.path.realpath(sys.argv[1])
BASE = open("scenarios/synthetic.toml", encoding="utf-8").read()


@dataclass
class Case:
    name: str
    text: str | None          # the scenario's text (None: `path` names the scenario)
    marker: str | None        # a text on the line the error must name (None: no line)
    key: str | None           # the key the message must name (None: none, e.g. syntax)
    code: int = 3
    path: str | None = None   # a scenario path other than the case's own file
    flags: list = field(default_factory=list)
    needle: str | None = None  # a further text the message must hold
    validate: bool = True     # also run `pcsim validate` (the command line cases do not)
    run: bool = True          # through `pcsim run` (not a folder: run takes it as a batch)


def replace(old, new, text=BASE):
    assert old in text, old
    return text.replace(old, new, 1)


def after(anchor, lines, text=BASE):
    """Inserts `lines` after the line starting with `anchor`."""
    out = []
    done = False
    for line in text.split("\n"):
        out.append(line)
        if not done and line.startswith(anchor):
            out.append(lines)
            done = True
    assert done, anchor
    return "\n".join(out)


def append(lines, text=BASE):
    return text + "\n" + lines + "\n"


SEED_LINE = BASE.split("\n").index("seed = 12345") + 1


def as_bytes(data):
    """Bytes that are not UTF-8 as the case's text (written back with surrogateescape)."""
    return data.decode("utf-8", "surrogateescape")


OPTION = '[[options]]\nname = "stay joint"\ncommissioning_level = 2\nfunding.levelling_up = false\n'
CORR = ('[sampling]\n[[sampling.correlations]]\na = "population.list_growth"\n'
        'b = "population.consultations_per_patient"\nrank_correlation = {rho}\n')

CASES = [
    # --- TOML syntax: no key, but the file and the line of the fault -------------------
    Case("unterminated string", replace('name = "Synthetic test area"', 'name = "Synthetic test area'), 'name = "Synthetic', None),
    Case("missing value", replace("seed = 12345", "seed = "), "seed =", None),
    Case("key redefined", after("seed = 12345", "seed = 7"), "seed = 7", "seed", needle=f"found seed again (first given at line {SEED_LINE} as seed)"),
    # toml++ garbled a quoted key given again ('"foformat" '; the input audit B, repro_12).
    Case("key redefined in quotes", after("seed = 12345", '"seed" = 7'), '"seed" = 7', "seed", needle=f'found "seed" again (first given at line {SEED_LINE} as seed)'),
    Case("key of a table redefined in quotes", after("gp_share = 0.55", "'gp_share' = 0.5"), "'gp_share' = 0.5", "population.gp_share", needle=f"found 'gp_share' again (first given at line {BASE.split(chr(10)).index('gp_share = 0.55') + 1} as gp_share)"),
    # A quoted key with a dot is one name in TOML: read as a path it silently overrode the
    # parameter (audit C, 2026-12-07), at the top, in a table and in an option.
    Case("quoted dotted key at the top", after("seed = 12345", '"economics.discount_rate" = 0.05'), '"economics.discount_rate" = 0.05', "economics.discount_rate", needle='found the quoted key "economics.discount_rate"'),
    Case("quoted dotted key in a table", after("levelling_up = true", '"quality_standards.access.payment_per_weighted_patient" = 40'), '"quality_standards.access.payment_per_weighted_patient"', "funding.quality_standards.access.payment_per_weighted_patient", needle="under [funding.quality_standards.access]"),
    Case("quoted dotted key in an option", append(OPTION + '"economics.discount_rate" = 0.06'), '"economics.discount_rate" = 0.06', "options.stay joint.economics.discount_rate", needle="a quoted key is one name, not a path"),
    Case("table redefined", append("[population]\nlist_noise_sd = 0.02"), "[population]\nlist_noise_sd = 0.02", "population", needle="found [population] again (first given at line"),
    Case("unclosed table header", replace("[capacity]", "[capacity"), "[capacity", None),
    Case("unclosed inline table", replace('"65_plus" = 0.07 }', '"65_plus" = 0.07'), "gp_age_profile", None),
    Case("trailing underscore in a number", replace("seed = 12345", "seed = 12345_"), "seed = 12345_", None),
    Case("leading zero", replace("seed = 12345", "seed = 012345"), "seed = 012345", None),
    Case("invalid escape", replace('name = "Synthetic test area"', 'name = "Synthetic \\q area"'), "Synthetic \\q", None),
    Case("control character in a string", replace('name = "Synthetic test area"', 'name = "Synthetic\x01area"'), "name = ", None),
    Case("key without a value", after("seed = 12345", "list_noise"), "list_noise", None),
    # Where the parser finds the fault: the next line, which cannot continue the array.
    Case("unclosed array", after("payments_csv", 'ccg_codes = ["ZZ1"'), "attributes_csv", None),
    Case("two values on a line", replace("seed = 12345", "seed = 1 2"), "seed = 1 2", None),
    Case("impossible date", replace("start_year = 2017", "start_year = 2017-13-45"), "start_year", None),
    Case("invalid UTF-8 in a string", replace('name = "Synthetic test area"', 'name = "Synthetic \udcff area"'), "name = ", None),
    Case("non-ASCII bare key", after("seed = 12345", "clé = 1"), "clé", None, needle="outside a string or comment"),
    Case("non-ASCII table header (toml++ issue 295)", "format = 1\n[abécd]\n", "[abécd]", None, needle="outside a string or comment"),
    Case("non-ASCII value", replace("entry_band = \"30_34\"", "entry_band = 30_34é"), "entry_band", None, needle="outside a string or comment"),
    # Not UTF-8: named by its encoding, not given advice about quoting keys (audit B, repro_14 e).
    Case("scenario in UTF-16", as_bytes(("\ufeff" + BASE).encode("utf-16-le")), None, None, needle="UTF-16 little-endian text (it begins with the byte-order mark FF FE), not UTF-8; expected a scenario in UTF-8"),
    Case("scenario in UTF-16 without a mark", as_bytes(BASE.encode("utf-16-be")), None, None, needle="UTF-16 big-endian text without a byte-order mark"),
    # A binary file is not text: no advice to convert it from UTF-16 (audit C).
    Case("scenario a binary file", as_bytes(bytes(range(256)) * 4), None, None, needle="the file is not text"),
    Case("scenario in Latin-1", as_bytes(BASE.replace("Synthetic test area", "Synth\u00e9tic").encode("latin-1")), "Synth", None, needle="the byte 0xE9 (not UTF-8), as in Latin-1 or Windows-1252 text; expected a scenario in UTF-8"),
    Case("equals sign missing", replace("leaver_rate = 0.03", "leaver_rate 0.03"), "leaver_rate 0.03", None),
    # Found at the end of the file, where the string was still open.
    Case("unclosed multi-line string", replace('description = "Invented', 'description = """Invented'), "discount_rate = 0.035", None, needle="end-of-file"),
    # --- unknown keys: the key as the reader names it, and where it is ------------------
    Case("misspelt top-level key", after("seed = 12345", "iteration = 5"), "iteration = 5", "iteration", needle="did you mean 'iterations'"),
    Case("misspelt population key", replace("list_noise_sd = 0.01", "list_noise_s = 0.01"), "list_noise_s =", "population.list_noise_s", needle="did you mean"),
    Case("misspelt workforce key", replace("leaver_rate = 0.03", "leaver_rat = 0.03"), "leaver_rat", "workforce.leaver_rat"),
    Case("misspelt capacity key", replace("ae_cost = 148", "ae_costs = 148"), "ae_costs", "capacity.ae_costs"),
    Case("misspelt funding key", replace("levelling_years = 2", "leveling_years = 2"), "leveling_years", "funding.leveling_years"),
    Case("misspelt savings key", replace("eur = true", "eurr = true"), "eurr", "savings.eurr"),
    Case("misspelt economics key", replace("discount_rate = 0.035", "discount = 0.035"), "discount =", "economics.discount"),
    Case("misspelt role key", replace("baseline_fte_per_1000 = 0.3", "baseline_fte = 0.3"), "baseline_fte = 0.3", "roles.nurse.baseline_fte"),
    Case("misspelt quality standard key", replace("payment_per_weighted_patient = 3.0", "payment = 3.0"), "payment = 3.0", "funding.quality_standards.access.payment"),
    Case("misspelt practices key", replace("peer_groups = 2", "peer_group = 2"), "peer_group =", "practices.peer_group"),
    Case("unknown section", append("[populaton]\nlist_noise_sd = 0.02"), "[populaton]", "populaton"),
    Case("key in the wrong section", after("leaver_rate", "list_growth = 0.01"), "list_growth = 0.01", "workforce.list_growth", needle="belongs in [population]"),
    Case("misspelt sampling key", append("[sampling]\nmethd = \"lhs\""), "methd", "sampling.methd"),
    Case("misspelt distribution field", replace('rationale = "invented: around the national trend"', 'rationalee = "x"'), "rationalee", "population.list_growth"),
    Case("field of another distribution", replace('dist = "uniform", min = 0.8, max = 1.3', 'dist = "uniform", min = 0.8, mode = 1, max = 1.3'), "retirement_multiplier", "workforce.retirement_multiplier"),
    Case("misspelt key in an option", append(OPTION + "population.list_grwth = 0.01"), "list_grwth", "options.stay joint.population.list_grwth"),
    Case("misspelt age band", replace('"40_44" = 0.15', '"40_45" = 0.15'), "gp_age_profile", "practices.gp_age_profile"),
    # --- types ------------------------------------------------------------------------
    Case("seed a string", replace("seed = 12345", 'seed = "abc"'), 'seed = "abc"', "seed"),
    Case("seed a fraction", replace("seed = 12345", "seed = 1.5"), "seed = 1.5", "seed"),
    Case("iterations a boolean", replace("iterations = 200", "iterations = true"), "iterations = true", "iterations"),
    Case("name a number", replace('name = "Synthetic test area"', "name = 5"), "name = 5", "name"),
    Case("description an array", replace('description = "Invented practices exercising every module of the model; not real data."', "description = [1]"), "description = [1]", "description"),
    Case("baseline a number", replace('baseline = "delegate and invest"', "baseline = 1"), "baseline = 1", "baseline"),
    Case("horizon a fraction", replace("horizon_years = 5", "horizon_years = 5.5"), "horizon_years = 5.5", "horizon_years"),
    Case("level a string", replace("commissioning_level = 3", 'commissioning_level = "3"'), 'commissioning_level = "3"', "commissioning_level"),
    Case("share a string", replace("gp_share = 0.55", 'gp_share = "most"'), 'gp_share = "most"', "population.gp_share"),
    Case("switch a string", replace("levelling_up = true", 'levelling_up = "yes"'), 'levelling_up = "yes"', "funding.levelling_up"),
    Case("choice a number", replace('target = "median"', "target = 5"), "target = 5", "funding.target"),
    Case("age band a number", replace('entry_band = "30_34"', "entry_band = 30_34"), "entry_band = 30_34", "workforce.entry_band"),
    Case("ccg_codes a string", after("payments_csv", 'ccg_codes = "ZZ1"'), 'ccg_codes = "ZZ1"', "practices.ccg_codes"),
    Case("age profile a number", replace('gp_age_profile = { under_30 = 0.02, "30_34" = 0.10, "35_39" = 0.14, "40_44" = 0.15, "45_49" = 0.15, "50_54" = 0.14, "55_59" = 0.13, "60_64" = 0.10, "65_plus" = 0.07 }', "gp_age_profile = 0.5"), "gp_age_profile = 0.5", "practices.gp_age_profile"),
    Case("payments path a number", replace('payments_csv = "data/synthetic-payments.csv"', "payments_csv = 7"), "payments_csv = 7", "practices.payments_csv"),
    Case("a section that is a value", replace("[economics]\ndiscount_rate = 0.035", "economics = 5"), "economics = 5", "economics"),
    Case("distribution kind a number", replace('dist = "pert", min = 4.6', "dist = 4, min = 4.6"), "consultations_per_patient", "population.consultations_per_patient"),
    Case("value a string", replace('diversion_max = { value = 0.1,', 'diversion_max = { value = "0.1",'), "diversion_max", "population.diversion_max"),
    Case("rationale a number", replace('rationale = "invented: one clinical pharmacist per neighbourhood"', "rationale = 5"), "new_posts_per_30000", "roles.pharmacist.new_posts_per_30000"),
    Case("peer groups a fraction", replace("peer_groups = 2", "peer_groups = 2.5"), "peer_groups = 2.5", "practices.peer_groups"),
    Case("options a table", append('[options]\nname = "x"'), "[options]", "options"),
    # --- ranges -----------------------------------------------------------------------
    Case("negative seed", replace("seed = 12345", "seed = -1"), "seed = -1", "seed"),
    Case("zero iterations", replace("iterations = 200", "iterations = 0"), "iterations = 0", "iterations"),
    Case("iterations beyond 2^32 - 1", replace("iterations = 200", "iterations = 1000000000000"), "iterations = 1000000000000", "iterations", needle="4294967295"),
    Case("iterations just beyond the maximum", replace("iterations = 200", "iterations = 4294967296"), "iterations = 4294967296", "iterations"),
    Case("zero horizon", replace("horizon_years = 5", "horizon_years = 0"), "horizon_years = 0", "horizon_years"),
    Case("horizon of 51 years", replace("horizon_years = 5", "horizon_years = 51"), "horizon_years = 51", "horizon_years"),
    Case("start year 1800", replace("start_year = 2017", "start_year = 1800"), "start_year = 1800", "start_year"),
    Case("commissioning level 4", replace("commissioning_level = 3", "commissioning_level = 4"), "commissioning_level = 4", "commissioning_level"),
    Case("share above 1", replace("gp_share = 0.55", "gp_share = 1.5"), "gp_share = 1.5", "population.gp_share"),
    Case("list growth of 200 %", replace("list_noise_sd = 0.01", "list_noise_sd = 2"), "list_noise_sd = 2", "population.list_noise_sd"),
    Case("negative discount rate", replace("discount_rate = 0.035", "discount_rate = -0.5"), "discount_rate = -0.5", "economics.discount_rate"),
    Case("infinite cost", replace("ae_cost = 148", "ae_cost = inf"), "ae_cost = inf", "capacity.ae_cost"),
    Case("NaN cost", replace("ae_cost = 148", "ae_cost = nan"), "ae_cost = nan", "capacity.ae_cost"),
    Case("negative FTE per head", replace("fte_per_head = 0.75", "fte_per_head = -0.75"), "fte_per_head = -0.75", "workforce.fte_per_head"),
    Case("zero peer groups", replace("peer_groups = 2", "peer_groups = 0"), "peer_groups = 0", "practices.peer_groups"),
    Case("zero patients per GP", replace("patients_per_gp = 1800", "patients_per_gp = 0"), "patients_per_gp = 0", "practices.patients_per_gp"),
    Case("negative neighbourhood", replace("neighbourhood_size = 30000", "neighbourhood_size = -5"), "neighbourhood_size = -5", "practices.neighbourhood_size"),
    Case("age profile summing to 0.93", replace('"65_plus" = 0.07', '"65_plus" = 0.0'), "gp_age_profile", "practices.gp_age_profile", needle="sum"),
    Case("benchmark percentile 150", replace("benchmark_percentile = 25", "benchmark_percentile = 150"), "benchmark_percentile = 150", "savings.benchmark_percentile"),
    Case("achievement rate 2", replace("achievement_rate = 0.7", "achievement_rate = 2"), "achievement_rate = 2", "funding.quality_standards.prescribing_review.achievement_rate"),
    Case("levelling years negative", replace("levelling_years = 2", "levelling_years = -1"), "levelling_years = -1", "funding.levelling_years"),
    Case("a negative age band share", replace('"65_plus" = 0.07', '"65_plus" = -0.03'), "gp_age_profile", "practices.gp_age_profile"),
    # --- distributions ----------------------------------------------------------------
    Case("PERT with min above max", replace("min = 4.6, mode = 5.2, max = 6.0", "min = 6.6, mode = 5.2, max = 6.0"), "consultations_per_patient", "population.consultations_per_patient", needle="min (6.6) is greater than max (6)"),
    Case("triangular mode outside", replace("min = 0.0, mode = 0.006, max = 0.012", "min = 0.0, mode = 0.02, max = 0.012"), "list_growth", "population.list_growth"),
    Case("uniform min above max", replace("min = 0.8, max = 1.3", "min = 1.3, max = 0.8"), "retirement_multiplier", "workforce.retirement_multiplier"),
    Case("beta mean above 1", replace("mean = 0.75, sd = 0.08", "mean = 1.75, sd = 0.08"), "fill_rate", "workforce.fill_rate"),
    Case("beta sd too large", replace("mean = 0.75, sd = 0.08", "mean = 0.75, sd = 0.5"), "fill_rate", "workforce.fill_rate"),
    Case("unknown distribution", replace('dist = "pert", min = 4.6', 'dist = "gaussian", min = 4.6'), "consultations_per_patient", "population.consultations_per_patient", needle="gaussian"),
    Case("normal with zero sd", replace("fte_trend = -0.01", 'fte_trend = { dist = "normal", mean = -0.01, sd = 0 }'), "fte_trend", "workforce.fte_trend"),
    Case("triangular without mode", replace("min = 0.0, mode = 0.006, max = 0.012", "min = 0.0, max = 0.012"), "list_growth", "population.list_growth"),
    Case("distribution on an integer", replace("horizon_years = 5", 'horizon_years = { dist = "uniform", min = 4, max = 6 }'), "horizon_years", "horizon_years"),
    Case("support outside the valid range", replace("gp_share = 0.55", 'gp_share = { dist = "uniform", min = 0.5, max = 1.5 }'), "gp_share", "population.gp_share"),
    Case("PERT with negative lambda", replace("min = 4.6, mode = 5.2, max = 6.0", "min = 4.6, mode = 5.2, max = 6.0, lambda = -1"), "consultations_per_patient", "population.consultations_per_patient"),
    Case("value and dist both given", replace('diversion_max = { value = 0.1,', 'diversion_max = { value = 0.1, dist = "uniform", min = 0, max = 0.2,'), "diversion_max", "population.diversion_max"),
    Case("lognormal with both pairs", replace('retirement_multiplier = { dist = "uniform", min = 0.8, max = 1.3,', 'retirement_multiplier = { dist = "lognormal", mean = 1.0, sd = 0.1, mu = 0, sigma = 0.1,'), "retirement_multiplier", "workforce.retirement_multiplier"),
    Case("lognormal of negative mean", replace("dispersal_cost = 50", 'dispersal_cost = { dist = "lognormal", mean = -50, sd = 5 }'), "dispersal_cost", "workforce.dispersal_cost"),
    # Input audit B: a mean that overflows passed with a plausibility warning, and the
    # central case then ran with a NaN parameter (exit 0).
    Case("lognormal whose mean overflows", replace("dispersal_cost = 50", 'dispersal_cost = { dist = "lognormal", mu = 3, sigma = 50, upper = 1000 }'), "dispersal_cost", "workforce.dispersal_cost", needle="is not a finite number"),
    Case("untruncated lognormal whose mean overflows", replace("dispersal_cost = 50", 'dispersal_cost = { dist = "lognormal", mu = 3, sigma = 40 }'), "dispersal_cost", "workforce.dispersal_cost", needle="is not a finite number"),
    Case("discrete weights not matching", replace("leaver_rate = 0.03", 'leaver_rate = { dist = "discrete", values = [0.02, 0.03], weights = [1] }'), "leaver_rate", "workforce.leaver_rate"),
    Case("discrete weights all zero", replace("leaver_rate = 0.03", 'leaver_rate = { dist = "discrete", values = [0.02, 0.03], weights = [0, 0] }'), "leaver_rate", "workforce.leaver_rate"),
    Case("bounds with no probability", replace("fte_trend = -0.01", 'fte_trend = { dist = "normal", mean = 0, sd = 0.01, lower = 0.5, upper = 0.6 }'), "fte_trend", "workforce.fte_trend"),
    Case("distribution on a choice", replace('target = "median"', 'target = { dist = "uniform", min = 0, max = 1 }'), "target =", "funding.target"),
    # --- correlations and [sampling] ---------------------------------------------------
    Case("unknown sampling method", append('[sampling]\nmethod = "sobol"'), 'method = "sobol"', "sampling.method"),
    Case("correlation above 1", append(CORR.format(rho=1.5)), "rank_correlation = 1.5", "sampling.correlations[1].rank_correlation"),
    Case("correlation not a number", append(CORR.format(rho='"high"')), 'rank_correlation = "high"', "sampling.correlations[1].rank_correlation"),
    Case("correlation of an unknown parameter", append(CORR.format(rho=0.3).replace("population.list_growth", "population.list_grwth")), "population.list_grwth", "sampling.correlations[1].a"),
    Case("correlation of a fixed parameter", append(CORR.format(rho=0.3).replace("population.list_growth", "population.gp_share")), "population.gp_share", "sampling.correlations[1].a"),
    Case("a parameter with itself", append(CORR.format(rho=0.3).replace("population.consultations_per_patient", "population.list_growth")), 'b = "population.list_growth"', "sampling.correlations[1].b"),
    Case("the same pair twice", append(CORR.format(rho=0.3) + '[[sampling.correlations]]  # again\na = "population.consultations_per_patient"\nb = "population.list_growth"\nrank_correlation = 0.2\n'), "[[sampling.correlations]]  # again", "sampling.correlations[2]"),
    Case("correlation without b", append(CORR.format(rho=0.3).replace('b = "population.consultations_per_patient"\n', "")), "[[sampling.correlations]]", "sampling.correlations[1].b"),
    Case("correlations that cannot hold together",
         append('[sampling]\n[[sampling.correlations]]\na = "population.list_growth"\nb = "population.consultations_per_patient"\nrank_correlation = 0.9\n'
                '[[sampling.correlations]]\na = "population.list_growth"\nb = "workforce.retirement_multiplier"\nrank_correlation = 0.9\n'
                '[[sampling.correlations]]\na = "population.consultations_per_patient"\nb = "workforce.retirement_multiplier"\nrank_correlation = -0.9\n'),
         "[[sampling.correlations]]", "sampling.correlations", needle="eigenvalue"),
    Case("repair_correlation not a boolean", append('[sampling]\nrepair_correlation = "yes"'), "repair_correlation", "sampling.repair_correlation"),
    Case("correlations not tables", append('[sampling]\ncorrelations = [1, 2]'), "correlations = [1, 2]", "sampling.correlations"),
    # --- options ----------------------------------------------------------------------
    Case("option without a name", append('[[options]]\ncommissioning_level = 2'), "[[options]]", "options[1].name"),
    Case("two options of one name", append(OPTION + OPTION.replace('name = "stay joint"', 'name = "stay joint"  # again')), '"stay joint"  # again', "options[2].name"),
    Case("option name with a slash", append(OPTION.replace("stay joint", "stay/joint")), 'name = "stay/joint"', "options[1].name"),
    Case("option named as the baseline", append(OPTION.replace("stay joint", "delegate and invest")), 'name = "delegate and invest"', "options[1].name"),
    Case("seed in an option", append(OPTION + "seed = 3"), "seed = 3", "options.stay joint.seed"),
    Case("format in an option", append(OPTION + "format = 1  # in the option"), "format = 1  # in", "options.stay joint.format"),
    Case("an option's own horizon", append(OPTION + "horizon_years = 7"), "horizon_years = 7", "options.stay joint.horizon_years"),
    Case("a new role in an option", append(OPTION + "[options.roles.physio]\nappointments_per_fte = 4000"), "[options.roles.physio]", "options.stay joint.roles.physio"),
    # The lever's own line (the baseline sets it), the option named in the message.
    Case("contract lever at level 1", append(OPTION.replace("commissioning_level = 2", "commissioning_level = 1").replace("funding.levelling_up = false\n", "")), "levelling_up = true", "funding.levelling_up", needle="in option 'stay joint'"),
    # Levelling up by ICB without every practice's ICB (was exit 5, "internal error", mid-run):
    # refused when the practices are loaded, at target_scope's line, naming the gap.
    Case("target_scope icb without area_icb_csv", after("levelling_up = true", 'target_scope = "icb"'), 'target_scope = "icb"', "funding.target_scope", needle="gives no area_icb_csv"),
    Case("target_scope icb, areas not in the map", after("levelling_up = true", 'target_scope = "icb"', after("attributes_csv", 'area_icb_csv = "data/geography/ccg_icb.csv"')), 'target_scope = "icb"', "funding.target_scope", needle="areas ZZ1 (6 practices), ZZ2 (4 practices) not in area_icb_csv"),
    Case("target_scope icb set by an option", append(OPTION.replace("funding.levelling_up = false", 'funding.target_scope = "icb"')), 'funding.target_scope = "icb"', "funding.target_scope", needle="option 'stay joint'"),
    # Found when the run is planned, not by the reader: the file and key, no line.
    Case("option name reserved by the results file", append(OPTION.replace("stay joint", "evpi")), None, "options.evpi.name"),
    # --- the bad-input audit of 2026-12-05 (docs/input-audit.md): a crash and hangs ----
    # toml++ 3.3.0 recursed once per part of a dotted key: SIGSEGV at ~30,000 parts.
    Case("dotted key of 40,000 parts", append(".".join(["a"] * 40000) + " = 1"), "a.a.a.a", None, needle="more than 256 parts"),
    Case("table header of 40,000 parts", append("[" + ".".join(["a"] * 40000) + "]"), "[a.a.a", None, needle="more than 256 parts"),
    # Boost 1.74's ibeta_inv hung (shapes 1e20 and more) or gave NaN (1e-160), and the
    # run's rank correlations then looped for ever on the NaN.
    Case("beta sd 1e-14", replace("mean = 0.75, sd = 0.08", "mean = 0.75, sd = 1e-14"), "fill_rate", "workforce.fill_rate", needle="sd must be at least"),
    Case("beta shapes 1e30", replace("mean = 0.75, sd = 0.08", "alpha = 1e30, beta = 1e30"), "fill_rate", "workforce.fill_rate", needle="alpha (1e+30) is above 1e+07"),
    Case("beta shapes 1e-160", replace("mean = 0.75, sd = 0.08", "alpha = 1e-160, beta = 1e-160"), "fill_rate", "workforce.fill_rate", needle="is below 0.001"),
    Case("beta shapes 1e-308", replace("mean = 0.75, sd = 0.08", "alpha = 1e-308, beta = 1e-308"), "fill_rate", "workforce.fill_rate", needle="is below 0.001"),
    Case("pert lambda 1e50", replace("max = 6.0, rationale", "max = 6.0, lambda = 1e50, rationale"), "consultations_per_patient", "population.consultations_per_patient", needle="lambda (1e+50) is above 1e+06"),
    Case("option named '.'", append(OPTION.replace("stay joint", ".")), 'name = "."', "options[1].name"),
    Case("option name holding a NUL", append(OPTION.replace("stay joint", "a\\u0000b")), 'name = "a', "options[1].name", needle="control characters"),
    # Invisible and bidirectional names (the input audit B, repro_14 d), shown escaped.
    Case("option name of a no-break space", append(OPTION.replace("stay joint", "\\u00a0")), 'name = "\\u00a0"', "options[1].name", needle="only spaces (U+00A0 first)"),
    Case("option name with U+2028", append(OPTION.replace("stay joint", "a\\u2028b")), 'name = "a', "options[1].name", needle='found "a\\u2028b" (string): the control or invisible format character U+2028 at character 2'),
    Case("option name with U+202E", append(OPTION.replace("stay joint", "x\\u202eevil")), 'name = "x', "options[1].name", needle='found "x\\u202Eevil" (string): the control or invisible format character U+202E at character 2'),
    Case("baseline name with U+200B", replace('baseline = "delegate and invest"', 'baseline = "delegate\\u200band invest"'), "baseline = ", "baseline", needle="U+200B at character"),
    Case("ccg_codes = []", after("payments_csv", "ccg_codes = []"), "ccg_codes = []", "practices.ccg_codes", needle="select no practice"),
    Case("ccg_codes = [5]", after("payments_csv", "ccg_codes = [5]"), "ccg_codes = [5]", "practices.ccg_codes", needle="item 1 of the array"),
    Case("a key of a million characters", append("k" * 1000000 + " = 1"), "kkkk", None, needle=" bytes in all)"),
    # --- files ------------------------------------------------------------------------
    Case("scenario missing", None, None, None, path="{work}/absent.toml", needle="No such file or directory"),
    # `pcsim run FOLDER` is a batch (docs/cli.md, "Batches of scenarios"; tests/cli/batch.sh
    # refuses a folder without a scenario); validate takes one scenario file.
    Case("scenario a directory", None, None, None, path="{work}", needle="a directory", run=False),
    Case("scenario a FIFO", None, None, None, path="{work}/fifo.toml", needle="a FIFO"),
    Case("scenario /dev/zero", None, None, None, path="/dev/zero", needle="a character device"),
    Case("scenario over 16 MiB", None, None, None, path="{work}/big.toml", needle="16777217 bytes"),
    Case("empty scenario", "", None, "format", needle="no format key"),
    Case("format 2", replace("format = 1", "format = 2"), "format = 2", "format"),
    Case("payments file missing", replace("data/synthetic-payments.csv", "data/absent.csv"), "payments_csv", "practices.payments_csv", needle="no such file"),
    Case("payments file a directory", replace('"data/synthetic-payments.csv"', '"data"'), "payments_csv", "practices.payments_csv", needle="which is a directory, not a regular file"),
    Case("payments file a FIFO", replace("data/synthetic-payments.csv", "data/fifo.csv"), "payments_csv", "practices.payments_csv", needle="which is a FIFO (named pipe), not a regular file"),
    Case("payments file over 512 MiB", replace("data/synthetic-payments.csv", "data/huge.csv"), "[practices]", "practices.payments_csv", needle="536870913 bytes"),
    Case("attributes file missing", replace("data/synthetic-attributes.csv", "data/none.csv"), "attributes_csv", "practices.attributes_csv"),
    Case("a NUL in a path", replace('"data/synthetic-payments.csv"', '"data/synthetic-payments.csv\\u0000.bak"'), "[practices]", "practices.payments_csv", needle="NUL"),
    Case("no [practices]", replace("[practices]\n", "[practicez]\n"), "[practicez]", "practicez"),
    Case("closed_lists misspelt", after('payments_csv = "data/synthetic-payments.csv"', 'closed_lists = "moved"'), 'closed_lists = "moved"', "practices.closed_lists", needle='did you mean "move"'),
    Case("closed_lists not a string", after('payments_csv = "data/synthetic-payments.csv"', 'closed_lists = true'), "closed_lists = true", "practices.closed_lists", needle="already_counted"),
    # --- the command line: exit 2 (validate takes no --seed) ---------------------------
    Case("--iterations 0", BASE, None, None, code=2, flags=["--iterations", "0"], needle="--iterations", validate=False),
    Case("--threads 0", BASE, None, None, code=2, flags=["--threads", "0"], needle="--threads", validate=False),
    Case("--seed -1", BASE, None, None, code=2, flags=["--seed", "-1"], needle="--seed", validate=False),
    Case("--max-iterations alone", BASE, None, None, code=2, flags=["--max-iterations", "5"], needle="--until-se", validate=False),
    Case("--until-se unknown metric", BASE, None, None, code=2, flags=["--until-se", "nvp:0.01"], needle="nvp", validate=False),
    Case("--central with --iterations", BASE, None, None, code=2, flags=["--central", "--iterations", "5"], needle="--central", validate=False),
]


def line_of(text, marker):
    """1-based line on which `marker` (which may span lines) starts, found independently."""
    at = text.find(marker)
    assert at >= 0, f"marker {marker!r} not in the case's text"
    return text.count("\n", 0, at) + 1


def main():
    work = tempfile.mkdtemp(prefix="pcsim-bad-inputs-")
    try:
        data = os.path.join(work, "data")
        shutil.copytree("scenarios/data", data, ignore=shutil.ignore_patterns("nhs-payments", "gp-workforce"))
        os.mkfifo(os.path.join(work, "fifo.toml"))
        os.mkfifo(os.path.join(data, "fifo.csv"))
        with open(os.path.join(work, "big.toml"), "wb") as f:
            f.truncate(16 * 2**20 + 1)  # sparse
        with open(os.path.join(data, "huge.csv"), "wb") as f:
            f.truncate(512 * 2**20 + 1)
        out_dir = os.path.join(work, "out")
        os.mkdir(out_dir)
        failures = []
        for number, case in enumerate(CASES, 1):
            failures += check(case, number, work, out_dir)
        if len(CASES) < 100:
            failures.append(f"only {len(CASES)} cases")
        for failure in failures:
            print(f"bad_inputs: FAILED: {failure}", file=sys.stderr)
        if failures:
            sys.exit(1)
        print(f"bad_inputs: OK ({len(CASES)} cases)")
    finally:
        shutil.rmtree(work)


def check(case, number, work, out_dir):
    if case.path is not None:
        scenario = case.path.format(work=work)
    else:
        scenario = os.path.join(work, f"case{number:03}.toml")
        with open(scenario, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(case.text)
    problems = []
    commands = [["run", scenario, "-o", os.path.join(out_dir, "r.h5"), "--quiet"]] if case.run else []
    if case.validate:
        commands.append(["validate", scenario])
    for command in commands:
        label = f"{case.name} ({command[0]})"
        try:
            result = subprocess.run([PCSIM, *command, *case.flags], capture_output=True,
                                    timeout=20, encoding="utf-8", errors="replace")
        except subprocess.TimeoutExpired:
            problems.append(f"{label}: still running after 20 s (a FIFO read, or /dev/zero?)")
            continue
        err = result.stderr
        left = os.listdir(out_dir)
        for name in left:
            os.remove(os.path.join(out_dir, name))
        if left:
            problems.append(f"{label}: left {left}")
        if result.returncode != case.code:
            problems.append(f"{label}: exit {result.returncode}, expected {case.code}: {err}")
            continue
        if case.code == 3:
            errors = [line for line in err.splitlines() if line.startswith("error: ")]
            # "error: FILE:LINE:COLUMN: key ..." or, without a line, "error: FILE: ...".
            where = f"error: {scenario}:"
            if case.marker is not None:
                where += f"{line_of(case.text, case.marker)}:"
            if not any(line.startswith(where) for line in errors):
                problems.append(f"{label}: no message starts {where!r}: {err}")
            # The key, or a key below it ("population.gp_share.dist" names gp_share).
            if case.key is not None and not any(f"key '{case.key}'" in line or f"key '{case.key}." in line
                                                for line in errors):
                problems.append(f"{label}: no message names the key '{case.key}': {err}")
        if case.needle is not None and case.needle not in err:
            problems.append(f"{label}: the message lacks {case.needle!r}: {err}")
    return problems


if __name__ == "__main__":
    main()

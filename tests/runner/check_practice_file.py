"""Checks the per-practice group of a results file written by `pcsim run --per-practice`
(docs/output-format.md, "practices/"): for every option, practices/codes lists the
practices, every figure is float64 [iterations x practices x years], extendible along the
iterations, chunked by whole iterations, shuffled and deflated, and
practices/summary/<figure> equals NumPy's mean over the iterations of the stored array
(relative tolerance 1e-12: pcsim adds in iteration order, NumPy pairwise), with `n_nan`
the count of NaN values left out.

Usage: check_practice_file.py FILE ITERATIONS PRACTICES; exit status 0 when all holds.
"""
import sys

import h5py
import numpy as np

FIGURES = {"closed": "share", "merged": "share", "appointments_gap": "appointments",
           "funding_per_weighted": "GBP per weighted patient", "arrs_fte": "FTE"}


def main(path, iterations, practices):
    failures = []
    with h5py.File(path, "r") as f:
        years = len(f["years"])
        for option in f["options"].attrs["option_order"]:
            group = f["options"][option]["practices"]
            codes = list(group["codes"].asstr()[()])
            if len(codes) != practices or len(set(codes)) != practices:
                failures.append(f"{option}: codes {codes}")
            for name, unit in FIGURES.items():
                data = group[name]
                where = f"{option}/practices/{name}"
                if data.shape != (iterations, practices, years) or data.dtype != np.float64:
                    failures.append(f"{where}: shape {data.shape} dtype {data.dtype}")
                    continue
                if data.maxshape != (None, practices, years):
                    failures.append(f"{where}: maxshape {data.maxshape}")
                if data.chunks is None or data.chunks[1:] != (practices, years):
                    failures.append(f"{where}: chunks {data.chunks}")
                if not data.shuffle or data.compression != "gzip":
                    failures.append(f"{where}: filters {data.shuffle} {data.compression}")
                if data.attrs["unit"] != unit:
                    failures.append(f"{where}: unit {data.attrs['unit']}")
                values = data[()]
                summary = group["summary"][name]
                expected = np.nanmean(values, axis=0)
                if summary.shape != (practices, years):
                    failures.append(f"{where}: summary shape {summary.shape}")
                elif not np.allclose(summary[()], expected, rtol=1e-12, atol=0):
                    worst = np.max(np.abs(summary[()] - expected))
                    failures.append(f"{where}: summary differs from the mean by {worst}")
                if summary.attrs["n_nan"] != np.count_nonzero(np.isnan(values)):
                    failures.append(f"{where}: n_nan {summary.attrs['n_nan']}")
                if summary.attrs["unit"] != unit:
                    failures.append(f"{where}: summary unit {summary.attrs['unit']}")
            for name in ("closed", "merged"):  # a stochastic run: 0 or 1
                gone = group[name][()]
                if not np.all((gone == 0) | (gone == 1)):
                    failures.append(f"{option}: {name} holds values other than 0 and 1")
    for failure in failures:
        print("check_practice_file:", failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))

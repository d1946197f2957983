"""Plain-text tables for the calibration and history reports (fixed widths, so the output
is the same byte for byte on every run)."""


def table(headers, rows, align=None):
    """headers: list of str; rows: lists of already formatted cells. Numbers right-aligned
    unless align gives 'l' for a column."""
    rows = [[str(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    align = align or ["l"] + ["r"] * (len(headers) - 1)

    def line(cells):
        return "  ".join(c.ljust(w) if a == "l" else c.rjust(w) for c, w, a in zip(cells, widths, align)).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    return "\n".join(out)


def number(value, digits=0):
    return f"{value:,.{digits}f}"


def pvalue(p):
    return f"{p:.2g}" if p >= 1e-4 else f"{p:.1e}"


def section(title):
    return f"\n{title}\n{'=' * len(title)}"

"""Who takes a merged practice on: how often the receiver is the largest practice of the
area (or PCN), or the one nearest in list size, and how likely it is under rules that pick
at random (uniformly, in proportion to list size, or to its square). Reported, never fitted."""
import numpy as np
import pandas as pd


def _candidates(payments, merger, group_column, group_value):
    """Practices open at the end of the window that also had patients at its start, in
    the merged practice's area (or PCN) as of the window's start."""
    s = merger.window
    before, after = payments[s], payments[s + 1]
    start = before[(before["registered"] > 0) & (before[group_column] == group_value)]
    codes = start.index.intersection(after.index[after["open"]]).difference([merger.code])
    return start.loc[codes, "registered"].sort_index()


def receiver_table(payments, exits, group_column="area"):
    """One row per merger whose receiver existed at the window's start and whose group has
    at least two candidates: whether the receiver was the largest / nearest in size, its
    size rank, and the probability each random rule gives it. group_column is 'area' or
    'pcn' (PCN codes exist in the 2019/20-2022/23 files only)."""
    rows = []
    for merger in exits[exits["kind"] == "merger"].itertuples():
        if merger.receiver_is_new:
            continue
        before = payments[merger.window]
        group_value = before.at[merger.code, group_column] if merger.code in before.index else None
        if group_value is None or (isinstance(group_value, float) and np.isnan(group_value)):
            continue
        lists = _candidates(payments, merger, group_column, group_value)
        if merger.receiver not in lists.index or len(lists) < 2:
            rows.append({"year": merger.year, "in_group": merger.receiver in lists.index, "n": len(lists)})
            continue
        own = before.at[merger.code, "registered"]
        nearest = (lists - own).abs().sort_values(kind="mergesort").index[0]
        rank = int((lists > lists[merger.receiver]).sum()) + 1
        rows.append({"year": merger.year, "in_group": True, "n": len(lists),
                     "largest": merger.receiver == lists.idxmax(),
                     "nearest": merger.receiver == nearest,
                     "larger_than_merged": lists[merger.receiver] > own,
                     "rank": rank, "rank_share": (rank - 1) / (len(lists) - 1),
                     "p_uniform": 1.0 / len(lists),
                     "p_list": lists[merger.receiver] / lists.sum(),
                     "p_list2": lists[merger.receiver] ** 2 / (lists ** 2).sum()})
    return pd.DataFrame(rows)


def summarise(table):
    """Shares and mean probabilities over the mergers the table can judge (receiver in the
    group, at least two candidates); None when there are none."""
    if table.empty or "largest" not in table.columns:
        return None
    judged = table[table["largest"].notna()]
    if judged.empty:
        return None
    share = lambda column: float(judged[column].astype(float).mean())
    mean_log = lambda column: float(np.log(judged[column].astype(float)).mean())
    return {
        "mergers judged": len(judged),
        "receiver outside the group (not judged)": int((~table["in_group"].astype(bool)).sum()),
        "median candidates in the group": float(judged["n"].median()),
        "receiver is the largest": share("largest"),
        "receiver is the nearest in list size": share("nearest"),
        "receiver larger than the merged practice": share("larger_than_merged"),
        "median size rank of the receiver (1 = largest)": float(judged["rank"].median()),
        "mean size-rank share (0 = largest, 1 = smallest)": share("rank_share"),
        "mean P(receiver): uniform pick": share("p_uniform"),
        "mean P(receiver): pick in proportion to list": share("p_list"),
        "mean P(receiver): pick in proportion to list squared": share("p_list2"),
        "mean log P(receiver): uniform pick": mean_log("p_uniform"),
        "mean log P(receiver): in proportion to list": mean_log("p_list"),
        "mean log P(receiver): in proportion to list squared": mean_log("p_list2"),
    }

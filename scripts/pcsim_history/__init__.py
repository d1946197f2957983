"""Reading NHS Digital's practice files and the history they record.

Shared by scripts/calibrate_practice_changes.py (mergers and closures, fitted on the
training years 2014/15-2018/19) and scripts/history_actuals.py (the actuals a back-test is
compared with). Debian's python3 with pandas and numpy only.
"""

#!/usr/bin/python3
"""Reads a cablesim results database with pandas (Debian's python3-pandas): the mean delivery
time and the share within objective per discipline and precedence, over every replication
that compare added, and where the time went. Usage: results_pandas.py RESULTS.sqlite"""
import sqlite3
import sys

import pandas as pd

db = sqlite3.connect(sys.argv[1])
by_run = pd.read_sql(
    """SELECT r.command, r.scenario, r.discipline, r.replication, p.precedence,
              p.mean_s, p.within * 1.0 / (p.addressed - p.other_means - p.unresolved) AS within_share,
              p.queued_s, p.transmitting_s, p.preemption_s
       FROM runs r JOIN precedence p USING (run_id)
       WHERE r.command = 'compare'""",
    db)
table = by_run.groupby(["scenario", "discipline", "precedence"])[
    ["mean_s", "within_share", "queued_s", "transmitting_s", "preemption_s"]].mean()
print(table.round(3).to_string())

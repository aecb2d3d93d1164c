#!/usr/bin/env python3
"""Validate the held-out cases: python3 check.py [--dir DIR] [case ...]

DIR defaults to this folder (`bench/heldout`); `--dir bench/heldout2` checks the third batch.

For each case folder: exactly source.sql, target.sql, truth.csv; both SQL files
load into a fresh database (python sqlite3 executescript, and the sqlite3 CLI if
present); truth.csv has the right header, no duplicate rows, and every row names
an existing table and column with exact (case-sensitive) spelling. Prints counts,
exits non-zero on any failure.
"""
import csv, os, shutil, sqlite3, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ["source_table", "source_column", "target_table", "target_column"]
FILES = {"source.sql", "target.sql", "truth.csv"}


def load(path):
    con = sqlite3.connect(":memory:")
    with open(path, encoding="utf-8") as f:
        con.executescript(f.read())
    schema = {}
    for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'"):
        schema[t] = [r[1] for r in con.execute('PRAGMA table_info("%s")' % t.replace('"', '""'))]
    return schema


def cli_load(path):
    if not shutil.which("sqlite3"):
        return None
    with tempfile.TemporaryDirectory() as d, open(path, "rb") as f:
        p = subprocess.run(["sqlite3", os.path.join(d, "db")], stdin=f, capture_output=True)
        return p.returncode == 0 and not p.stderr.strip()


def check(case):
    errs = []
    d = os.path.join(HERE, case)
    if not os.path.isdir(d):
        return ["no case folder %s" % d], None
    present = set(os.listdir(d))
    if present != FILES:
        errs.append("files: %s" % sorted(present ^ FILES))
        return errs, None
    side = {}
    for s in ("source", "target"):
        p = os.path.join(d, s + ".sql")
        try:
            side[s] = load(p)
        except Exception as e:
            errs.append("%s.sql: %s" % (s, e))
            return errs, None
        if cli_load(p) is False:
            errs.append("%s.sql: sqlite3 CLI failed" % s)
    with open(os.path.join(d, "truth.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != HEADER:
        errs.append("bad header: %r" % (rows[:1],))
    body = rows[1:]
    seen = set()
    for i, r in enumerate(body, 2):
        if len(r) != 4:
            errs.append("line %d: %d fields" % (i, len(r)))
            continue
        if tuple(r) in seen:
            errs.append("line %d: duplicate %r" % (i, r))
        seen.add(tuple(r))
        for (t, c), s in (((r[0], r[1]), "source"), ((r[2], r[3]), "target")):
            if t not in side[s]:
                errs.append("line %d: no %s table %r" % (i, s, t))
            elif c not in side[s][t]:
                errs.append("line %d: no %s column %r.%r" % (i, s, t, c))
    counts = (len(side["source"]), sum(map(len, side["source"].values())),
              len(side["target"]), sum(map(len, side["target"].values())), len(body))
    return errs, counts


def main(argv):
    global HERE
    if argv[:1] == ["--dir"] and len(argv) >= 2:
        HERE, argv = os.path.abspath(argv[1]), argv[2:]
    cases = argv or sorted(e for e in os.listdir(HERE) if os.path.isdir(os.path.join(HERE, e)))
    bad = 0
    print("%-28s %11s %11s %6s" % ("case", "src t/c", "tgt t/c", "truth"))
    for c in cases:
        errs, n = check(c)
        if n:
            print("%-28s %5d/%-5d %5d/%-5d %6d %s" % (c, n[0], n[1], n[2], n[3], n[4], "OK" if not errs else "FAIL"))
        else:
            print("%-28s FAIL" % c)
        for e in errs:
            print("    " + e)
        bad += bool(errs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

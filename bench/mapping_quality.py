#!/usr/bin/env python3
"""Mapping-quality benchmark: mapwright's inference, with NO explicit rules, against ground truth.

For every case of a schema-matching benchmark (a folder with `source.sql`, `target.sql` and
`truth.csv` = source_table,source_column,target_table,target_column), this script builds two
SQLite files, a throw-away workspace with one rule-less pipeline, runs `mapwright run`, reads the
exported `mapping.json` and scores the **accepted** column matches:

  precision, recall, F1      of accepted matches against truth.csv
  wrong→review               wrong matches that mapwright itself flagged `needs_review`
                             (a reviewer sees them; they are not counted as accepted)

It prints one line per case and the means per group (Valentine NYC pairs, MIMIC→OMOP, Cupid),
next to the published baselines quoted in the benchmark's README.

Cases whose truth spans several table pairs are also scored under the **relation-pair protocol**
of the MIMIC→OMOP paper (Parciak et al. 2024), which is how its string baselines were scored:
the matcher is given each true (source table, target table) pair — here one pipeline per pair
whose only rule is a `[[tables]]` rule pairing those two tables (no column rules) — and the score
is the mean of the per-pair F1s over that pair's target columns. The end-to-end score (no rules,
every table pair open) is the stricter of the two.

Usage: cargo build --release && bench/mapping_quality.py [--bench DIR] [CASE ...]
  --bench DIR   benchmark folder (default: $MAPPING_BENCH or ../shared/mapping-bench)
  BENCH_BIN     the binary (default target/release/mapwright)
"""

import argparse
import csv
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("BENCH_BIN", os.path.join(REPO, "target", "release", "mapwright"))
DEFAULT_BENCH = os.environ.get("MAPPING_BENCH", os.path.join(REPO, "..", "shared", "mapping-bench"))

# Published schema-only baselines on the same cases (see the benchmark README).
BASELINES = {
    "nyc": ("COMA schema-only mean F1", 0.654),
    "mimic": ("best string-similarity baseline F1", 0.335),
}


THRESHOLD = None  # --threshold: written to mapwright.toml [defaults] (None = the built-in default)
VOCABULARY = []  # --vocabulary FILE: copied into each workspace, listed in [matching] vocabulary_files


def build_workspace(case_dir, ws):
    os.makedirs(os.path.join(ws, "pipelines", "datasources"))
    os.makedirs(os.path.join(ws, "pipelines", "bench"))
    os.makedirs(os.path.join(ws, "data"))
    for side in ("source", "target"):
        con = sqlite3.connect(os.path.join(ws, "data", f"{side}.db"))
        with open(os.path.join(case_dir, f"{side}.sql"), encoding="utf-8") as f:
            con.executescript(f.read())
        con.commit()
        con.close()
        with open(os.path.join(ws, "pipelines", "datasources", f"{side}.toml"), "w") as f:
            f.write(f'engine = "sqlite"\nurl = "sqlite://data/{side}.db"\nclass = "test"\ngrants = ["pipelines/**"]\n')
    with open(os.path.join(ws, "pipelines", "mapwright.toml"), "w") as f:
        f.write('[store]\nurl = "file://./exports"\n')
        if THRESHOLD is not None:
            f.write(f'[defaults]\nthreshold = {THRESHOLD}\n')
    with open(os.path.join(ws, "pipelines", "bench", "case.toml"), "w") as f:
        f.write('name = "case"\noutputs = ["mapping.json"]\n[source]\ndatasource = "source"\n[target]\ndatasource = "target"\n')
        f.write(matching_section(ws))


def matching_section(ws):
    """`[matching] vocabulary_files` for the --vocabulary files (copied into the workspace)."""
    if not VOCABULARY:
        return ""
    names = []
    for i, path in enumerate(VOCABULARY):
        rel = f"pipelines/vocab{i}.csv"
        with open(path, encoding="utf-8") as src, open(os.path.join(ws, rel), "w", encoding="utf-8") as dst:
            dst.write(src.read())
        names.append(f'"{rel}"')
    return f"[matching]\nvocabulary_files = [{', '.join(names)}]\n"


def build_pair_workspace(case_dir, ws, pairs):
    """One pipeline per (source table, target table) pair, whose only rule pairs the two tables."""
    build_workspace(case_dir, ws)
    os.remove(os.path.join(ws, "pipelines", "bench", "case.toml"))
    for i, (st, tt) in enumerate(pairs):
        with open(os.path.join(ws, "pipelines", "bench", f"pair{i}.toml"), "w") as f:
            f.write(f'name = "pair{i}"\noutputs = ["mapping.json"]\n'
                    f'[source]\ndatasource = "source"\n[target]\ndatasource = "target"\n'
                    f'[[tables]]\nsource = "{st}"\ntarget = "{tt}"\n' + matching_section(ws))


def run_mapwright(ws):
    env = dict(os.environ, MAPWRIGHT_LOG="mapwright=error")
    env.pop("CI", None)
    return subprocess.run([BIN, "run", "--allow-unreviewed", "--log-format", "json"], cwd=ws, env=env,
                          capture_output=True, text=True)


def f1_of(acc, truth):
    tp = len(acc & truth)
    p = tp / len(acc) if acc else 0.0
    rc = tp / len(truth) if truth else 0.0
    return p, rc, (2 * p * rc / (p + rc) if p + rc else 0.0)


def score_pairs(case_dir, truth):
    """Mean per-relation-pair F1 (the relation-pair protocol), or None for single-pair cases."""
    pairs = sorted({(t[0], t[2]) for t in truth})
    if len(pairs) < 2:
        return None
    out = []
    with tempfile.TemporaryDirectory(prefix="mwq") as ws:
        build_pair_workspace(case_dir, ws, pairs)
        r = run_mapwright(ws)
        for i, pair in enumerate(pairs):
            path = os.path.join(ws, "exports", f"pair{i}", "v1", "mapping.json")
            if not os.path.exists(path):
                sys.exit(f"{case_dir}: mapwright run failed for pair {pair} ({r.returncode}):\n{r.stdout}\n{r.stderr}")
            with open(path, encoding="utf-8") as f:
                acc, _, _ = predicted(json.load(f))
            acc = {a for a in acc if (a[0], a[2]) == pair}
            want = {t for t in truth if (t[0], t[2]) == pair}
            out.append((pair, *f1_of(acc, want)))
    return out


def predicted(mapping):
    """(accepted, needs_review) sets of (source_table, source_column, target_table, target_column)."""
    accepted, review, conf = set(), set(), {}
    for t in mapping["tables"]:
        alias = {s["alias"]: s["table"]["name"] for s in t["sources"]}
        for c in t["columns"]:
            v = c.get("value", {})
            if v.get("kind") != "column":
                continue
            key = (alias.get(v["alias"], ""), v["source"]["name"], t["target"]["name"], c["target"]["name"])
            (accepted if c["status"] == "accepted" else review).add(key)
            conf[key] = (c.get("confidence"), c.get("reason", ""))
    return accepted, review, conf


def score(case_dir):
    truth = set()
    with open(os.path.join(case_dir, "truth.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            truth.add((row["source_table"], row["source_column"], row["target_table"], row["target_column"]))
    with tempfile.TemporaryDirectory(prefix="mwq") as ws:
        build_workspace(case_dir, ws)
        r = run_mapwright(ws)
        path = os.path.join(ws, "exports", "case", "v1", "mapping.json")
        if not os.path.exists(path):
            sys.exit(f"{case_dir}: mapwright run failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
        with open(path, encoding="utf-8") as f:
            mapping = json.load(f)
    acc, rev, conf = predicted(mapping)
    plans = [f"{t['target']['name']} <- {' + '.join(x['table']['name'] for x in t['sources'])} "
             f"({t['combine']}, {t['confidence']:.2f}, {t['method']})" for t in mapping["tables"]]
    tp = len(acc & truth)
    p, rc, f1 = f1_of(acc, truth)
    wrong_review = len(rev - truth)
    detail_conf = conf
    detail = {"hit": sorted(acc & truth), "missed": sorted(truth - acc), "wrong": sorted(acc - truth), "flagged_right": sorted(rev & truth)}
    return {"pairs": score_pairs(case_dir, truth), "detail": detail, "conf": detail_conf, "plans": plans, "p": p, "r": rc, "f1": f1, "accepted": len(acc), "truth": len(truth), "tp": tp,
            "wrong_review": wrong_review, "review": len(rev)}


def group(name):
    if name.startswith("nyc-"):
        return "nyc"
    if name.startswith("mimic"):
        return "mimic"
    if name.startswith("cupid"):
        return "cupid"
    return "other"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", default=DEFAULT_BENCH)
    ap.add_argument("-v", "--verbose", action="store_true", help="list table plans and hit, missed and wrong matches per case")
    ap.add_argument("--threshold", type=float, help="matching threshold for every case (default: mapwright's own)")
    ap.add_argument("--vocabulary", action="append", default=[], metavar="FILE",
                    help="a vocabulary CSV for [matching] vocabulary_files (not the no-rules protocol)")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    global THRESHOLD, VOCABULARY
    THRESHOLD = a.threshold
    VOCABULARY = [os.path.abspath(v) for v in a.vocabulary]
    if not os.path.isdir(a.bench):
        sys.exit(f"benchmark folder {a.bench} not found (pass --bench DIR or set MAPPING_BENCH)")
    if not os.path.exists(BIN):
        sys.exit(f"{BIN} not found: run `cargo build --release` first (or set BENCH_BIN)")
    cases = a.cases or sorted(d for d in os.listdir(a.bench) if os.path.isfile(os.path.join(a.bench, d, "truth.csv")))
    rules = f"vocabulary {', '.join(a.vocabulary)}" if a.vocabulary else "no explicit rules"
    print(f"mapping quality: {len(cases)} case(s) from {os.path.abspath(a.bench)}, {rules}\n")
    print(f"{'case':34} {'P':>6} {'R':>6} {'F1':>6}  {'acc':>4} {'tp':>4} {'truth':>5}  wrong→review")
    results = {}
    for c in cases:
        s = score(os.path.join(a.bench, c))
        results[c] = s
        print(f"{c:34} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f}  {s['accepted']:4} {s['tp']:4} {s['truth']:5}  "
              f"{s['wrong_review']} of {s['review']} flagged")
        if a.verbose:
            for pl in s["plans"]:
                print(f"    table         {pl}")
            for kind, rows in s["detail"].items():
                for r in rows:
                    c, why = s["conf"].get(r, (None, ""))
                    extra = f"  [{c:.2f} {why}]" if c is not None else ""
                    print(f"    {kind:13} {r[0]}.{r[1]} -> {r[2]}.{r[3]}{extra}")
    print()
    for c, s in results.items():
        if not s["pairs"]:
            continue
        s["pair_f1"] = statistics.mean(x[3] for x in s["pairs"])
        print(f"{c:34} relation-pair protocol: mean F1 {s['pair_f1']:.3f} over {len(s['pairs'])} given table pairs")
        if a.verbose or group(c) == "mimic":
            for (st, tt), p, rc, f1 in s["pairs"]:
                print(f"    {st + ' -> ' + tt:44} P {p:.3f}  R {rc:.3f}  F1 {f1:.3f}")
    print()
    for g in ("nyc", "mimic", "cupid", "other"):
        f1s = [s["f1"] for c, s in results.items() if group(c) == g]
        if not f1s:
            continue
        mean = statistics.mean(f1s)
        line = f"{g:6} mean F1 {mean:.3f} over {len(f1s)} case(s)"
        if g in BASELINES:
            label, base = BASELINES[g]
            line += f"   vs {label} {base:.3f} → {mean / base:.2f}x"
        print(line)
        pair_f1s = [s["pair_f1"] for c, s in results.items() if group(c) == g and "pair_f1" in s]
        if g == "mimic" and pair_f1s:
            mean = statistics.mean(pair_f1s)
            print(f"{g:6} relation-pair protocol mean F1 {mean:.3f}   vs the same protocol's best string "
                  f"baseline 0.335 (oracle threshold) → {mean / 0.335:.2f}x")


if __name__ == "__main__":
    main()

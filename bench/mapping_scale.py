#!/usr/bin/env python3
"""Mapping scale benchmark: a 5,000 x 5,000-table pair, ~150,000 columns on each side.

Writes two catalog snapshots (the `snapshot` engine: no database in the loop) whose tables
and columns are named differently on each side in realistic ways (prefixes, abbreviations,
synonyms, case styles), then measures in the same run:

  floor      `mapwright discover <side>` of both snapshots (load + normalize + print the catalog)
  mapwright  `mapwright plan --format json` of the pipeline (both loads + mapping + policies)

and prints wall time, peak RSS and the ratio to the floor.

Usage: cargo build --release && bench/mapping_scale.py [--tables 5000] [--columns 30]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("BENCH_BIN", os.path.join(REPO, "target", "release", "mapwright"))

WORDS = ["customer", "order", "product", "invoice", "payment", "account", "address", "shipment",
         "supplier", "employee", "ledger", "contract", "region", "store", "campaign", "ticket"]
COLS = [("id", "integer"), ("name", "varchar"), ("amount", "decimal"), ("quantity", "integer"),
        ("created_at", "timestamp"), ("status", "varchar"), ("description", "text"), ("number", "varchar"),
        ("date", "date"), ("balance", "decimal")]
SRC_ALIAS = {"amount": "amt", "quantity": "qty", "description": "desc", "number": "no", "date": "dt",
             "balance": "bal", "created_at": "created_ts"}


ENTITY_WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]


def logical(kind):
    return {"integer": {"kind": "integer", "bits": 64, "signed": True}, "varchar": {"kind": "varchar", "length": 80},
            "decimal": {"kind": "decimal", "precision": 12, "scale": 2}, "timestamp": {"kind": "timestamp", "tz": False},
            "text": {"kind": "text"}, "date": {"kind": "date"}}[kind]


def raw(kind):
    return {"integer": "BIGINT", "varchar": "VARCHAR(80)", "decimal": "NUMERIC(12,2)", "timestamp": "TIMESTAMP",
            "text": "TEXT", "date": "DATE"}[kind]


def catalog(name, tables, ncols, side, opaque=False):
    out = []
    for t in range(tables):
        entity = f"{WORDS[t % len(WORDS)]}_{t}"
        tname = f"tbl_{entity}" if side == "src" else f"dim_{entity}"
        if opaque and side != "src":
            tname = f"t{(t * 7919) % 100003:05d}"  # names say nothing: only columns can pair tables
        cols = []
        for c in range(ncols):
            base, kind = COLS[c % len(COLS)]
            col = f"{base}_{c // len(COLS)}" if c >= len(COLS) else base
            if side == "src":
                col = SRC_ALIAS.get(base, base) + (f"_{c // len(COLS)}" if c >= len(COLS) else "")
                col = f"{WORDS[t % len(WORDS)][:4]}_{col}"
            if opaque and c >= ncols - 3:
                # Three columns only this table has (on both sides): the evidence that pairs it.
                col = f"{ENTITY_WORDS[t % len(ENTITY_WORDS)]}{t}_{['code', 'label', 'weight'][c - (ncols - 3)]}"
            cols.append({"name": col, "ordinal": c + 1, "raw_type": raw(kind), "logical": logical(kind),
                         "nullable": c != 0})
        out.append({"name": tname, "kind": "table", "columns": cols,
                    "primary_key": {"name": f"{tname}_pkey", "columns": [cols[0]["name"]]}})
    return {"format_version": 1, "datasource": name, "engine": "snapshot", "server_version": "bench",
            "database": "bench", "schemas": [{"name": "main", "tables": out}]}


def measure(cmd, cwd):
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        start = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *cmd], cwd=cwd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ, MAPWRIGHT_LOG="mapwright=error"))
        wall = time.perf_counter() - start
        if p.returncode not in (0, 3):  # 3: a policy denied (expected for unmapped required columns)
            sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr.decode(errors='replace')[-2000:]}")
        return wall, int(rss.read().strip().splitlines()[-1]) / 1024.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tables", type=int, default=5000)
    ap.add_argument("--columns", type=int, default=30)
    ap.add_argument("--opaque-target-names", action="store_true",
                    help="target tables named t01234: every pair must be found through its columns")
    a = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit(f"{BIN} not found: run `cargo build --release` first (or set BENCH_BIN)")
    with tempfile.TemporaryDirectory(prefix="mwscale") as ws:
        os.makedirs(os.path.join(ws, "pipelines", "datasources"))
        os.makedirs(os.path.join(ws, "pipelines", "bench"))
        os.makedirs(os.path.join(ws, "snapshots"))
        with open(os.path.join(ws, "pipelines", "mapwright.toml"), "w") as f:
            f.write('[store]\nurl = "file://./exports"\n')
        for side in ("src", "tgt"):
            with open(os.path.join(ws, "snapshots", f"{side}.json"), "w") as f:
                json.dump(catalog(side, a.tables, a.columns, side, a.opaque_target_names), f)
            with open(os.path.join(ws, "pipelines", "datasources", f"{side}.toml"), "w") as f:
                f.write(f'engine = "snapshot"\nurl = "snapshot://snapshots/{side}.json"\nclass = "test"\n'
                        'grants = ["pipelines/**"]\n')
        with open(os.path.join(ws, "pipelines", "bench", "scale.toml"), "w") as f:
            f.write('name = "scale"\noutputs = ["mapping.json"]\n[source]\ndatasource = "src"\n'
                    '[target]\ndatasource = "tgt"\n')
        floor_s, floor_m = measure([BIN, "discover", "src", "--format", "json"], ws)
        floor_t, floor_m2 = measure([BIN, "discover", "tgt", "--format", "json"], ws)
        floor = floor_s + floor_t
        wall, rss = measure([BIN, "plan", "--format", "json"], ws)
        print(f"mapping scale: {a.tables} x {a.tables} tables, {a.tables * a.columns} columns per side\n")
        print(f"{'step':44} {'wall s':>8} {'peak RSS MB':>12} {'x floor':>8}")
        print(f"{'floor: discover both snapshots':44} {floor:8.2f} {max(floor_m, floor_m2):12.1f} {1.0:8.2f}")
        print(f"{'mapwright plan (load both + map + policies)':44} {wall:8.2f} {rss:12.1f} {wall / floor:8.2f}")
        # Stage timings from the run's debug log (one more run).
        env = dict(os.environ, MAPWRIGHT_LOG="mapwright::run=debug")
        p = subprocess.run([BIN, "--log-format", "json", "plan", "--format", "json"], cwd=ws, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for line in p.stderr.splitlines():
            try:
                ev = json.loads(line)
            except ValueError:
                continue
            if "ms" in ev:
                print(f"  stage: {ev.get('message', ''):36} {ev['ms'] / 1000:8.2f}")


if __name__ == "__main__":
    main()

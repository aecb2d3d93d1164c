#!/usr/bin/env python3
"""Run benchmark: many small pipelines over the local PostgreSQL and MariaDB.

Builds N small source/target table pairs (default 100: half in PostgreSQL, half in MariaDB),
a workspace with one pipeline per pair, then measures in the same run:

  c1         `mapwright run --concurrency 1` into an empty store
  c8         `mapwright run --concurrency 8` into another empty store
  unchanged  a second `--concurrency 8` run on the c8 store: nothing changed, so it must
             write zero objects (the store is counted before and after)

and prints wall times, the c1/c8 speed-up and the number of objects the unchanged run wrote.

Usage: cargo build --release && bench/run_concurrency.py [--pipelines N] [--concurrency 8]
Servers: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres),
         BENCH_MYSQL_URL (default mysql://root@127.0.0.1:3306/test).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("BENCH_BIN", os.path.join(REPO, "target", "release", "mapwright"))
PG_ADMIN = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
MY_URL = os.environ.get("BENCH_MYSQL_URL", "mysql://root@127.0.0.1:3306/test")
DB = f"mwbench_conc_{os.getpid()}"


def sh(cmd, input=None):
    r = subprocess.run(cmd, input=input, capture_output=True)
    if r.returncode != 0:
        sys.exit(f"setup failed: {cmd[0]}: {r.stderr.decode(errors='replace')[-2000:]}")


def my_cmd(*args):
    host_port = MY_URL.split("@", 1)[1].split("/", 1)[0]
    host, port = (host_port.split(":") + ["3306"])[:2]
    user = MY_URL.split("//", 1)[1].split("@", 1)[0] or "root"
    return ["mariadb", "-h", host, "-P", port, "-u", user, *args]


def ddl(i, dialect):
    pk = "BIGINT PRIMARY KEY"
    src = (f"CREATE TABLE src_{i} (id {pk}, customer_name VARCHAR(80) NOT NULL, email VARCHAR(120), "
           f"amount NUMERIC(12,2), created_at TIMESTAMP NULL, status VARCHAR(16), qty INT, note TEXT);")
    tgt = (f"CREATE TABLE dst_{i} (id {pk}, customer_name VARCHAR(80) NOT NULL, email_address VARCHAR(120), "
           f"amount NUMERIC(12,2), created_at TIMESTAMP NULL, status VARCHAR(16), quantity INT, note TEXT);")
    return src + "\n" + tgt


def build(n):
    half = n // 2
    pg_url = PG_ADMIN.rsplit("/", 1)[0] + "/" + DB
    sh(["psql", PG_ADMIN, "-X", "-q", "-c", f'CREATE DATABASE "{DB}"'])
    sh(["psql", pg_url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"],
       input="\n".join(ddl(i, "pg") for i in range(half)).encode())
    sh(my_cmd("-e", f"CREATE DATABASE `{DB}`"))
    sh(my_cmd(DB), input="\n".join(ddl(i, "mysql") for i in range(half, n)).encode())
    my_url = MY_URL.rsplit("/", 1)[0] + "/" + DB
    return pg_url, my_url, half


def drop():
    subprocess.run(["psql", PG_ADMIN, "-X", "-q", "-c", f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)'],
                   capture_output=True)
    subprocess.run(my_cmd("-e", f"DROP DATABASE IF EXISTS `{DB}`"), capture_output=True)


def workspace(ws, n, half):
    os.makedirs(os.path.join(ws, "pipelines", "datasources"))
    os.makedirs(os.path.join(ws, "pipelines", "bench"))
    with open(os.path.join(ws, "pipelines", "mapwright.toml"), "w") as f:
        f.write('[store]\nurl = "file://./exports"\n')
    for name, engine in (("pg", "postgres"), ("my", "mysql")):
        with open(os.path.join(ws, "pipelines", "datasources", f"{name}.toml"), "w") as f:
            f.write(f'engine = "{engine}"\nurl_env = "BENCH_{name.upper()}_URL"\nclass = "test"\n'
                    'grants = ["pipelines/bench/*.toml"]\n')
    for i in range(n):
        ds = "pg" if i < half else "my"
        with open(os.path.join(ws, "pipelines", "bench", f"p{i:03}.toml"), "w") as f:
            f.write(f'name = "p{i:03}"\noutputs = ["mapping.csv", "mapping.json"]\n'
                    f'[source]\ndatasource = "{ds}"\ninclude = ["src_{i}"]\n'
                    f'[target]\ndatasource = "{ds}"\ninclude = ["dst_{i}"]\n')


def objects(store):
    return sum(len(files) for _, _, files in os.walk(store)) if os.path.isdir(store) else 0


def timed_run(ws, env, concurrency):
    start = time.perf_counter()
    r = subprocess.run([BIN, "run", "--allow-unreviewed", "--concurrency", str(concurrency), "--format", "json"],
                       cwd=ws, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"run --concurrency {concurrency} failed ({r.returncode}):\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    return wall


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pipelines", type=int, default=100)
    ap.add_argument("--concurrency", type=int, default=8)
    a = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit(f"{BIN} not found: run `cargo build --release` first (or set BENCH_BIN)")
    pg_url, my_url, half = build(a.pipelines)
    tmp = tempfile.mkdtemp(prefix="mwconc")
    try:
        env = dict(os.environ, BENCH_PG_URL=pg_url, BENCH_MY_URL=my_url, MAPWRIGHT_LOG="mapwright=warn")
        env.pop("CI", None)
        results = {}
        for c in (1, a.concurrency):
            ws = os.path.join(tmp, f"c{c}")
            workspace(ws, a.pipelines, half)
            results[c] = timed_run(ws, env, c)
        ws = os.path.join(tmp, f"c{a.concurrency}")
        store = os.path.join(ws, "exports")
        before = objects(store)
        unchanged = timed_run(ws, env, a.concurrency)
        written = objects(store) - before
        print(f"run benchmark: {a.pipelines} pipelines ({half} PostgreSQL, {a.pipelines - half} MariaDB), "
              f"one small table pair each\n")
        print(f"{'run':34} {'wall s':>8}")
        print(f"{'--concurrency 1':34} {results[1]:8.2f}")
        print(f"{'--concurrency ' + str(a.concurrency):34} {results[a.concurrency]:8.2f}")
        print(f"{'unchanged second run (c' + str(a.concurrency) + ')':34} {unchanged:8.2f}")
        print(f"\nspeed-up c1/c{a.concurrency}: {results[1] / results[a.concurrency]:.2f}x")
        print(f"objects in the store after the first run: {before}; written by the unchanged run: {written}")
        if written != 0:
            sys.exit("FAIL: the unchanged run wrote objects")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        drop()


if __name__ == "__main__":
    main()

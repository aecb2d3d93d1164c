#!/usr/bin/env python3
"""Discovery benchmark: mapwright vs the raw bulk catalog read (the floor) and the dump tools.

Builds a synthetic schema (default 5,000 tables x 30 columns, a foreign key and
two indexes per table, some checks and comments) in PostgreSQL, in MariaDB/MySQL
and in a SQLite file, then measures in the same run, for each engine:

  mapwright   `mapwright discover <ds> --format json` (release build)
  floor       the same kind of bulk catalog queries run by the server's own CLI client
              (psql / mariadb / sqlite3) with output discarded: the cost of just reading
              the catalog, no modelling
  peer        pg_dump --schema-only / mysqldump --no-data / sqlite3 .schema

and prints the median wall time, peak RSS and the ratio to the floor. Synthetic
databases are dropped at the end (--keep keeps them).

Usage: cargo build --release && bench/discover.py [--tables N] [--columns N] [--runs N] [--only pg,mysql,sqlite]
Servers: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres),
         BENCH_MYSQL_HOST/PORT/USER (default 127.0.0.1 / 3306 / root, empty password).
"""

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("BENCH_BIN", os.path.join(REPO, "target", "release", "mapwright"))
PG_ADMIN = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
MY_HOST = os.environ.get("BENCH_MYSQL_HOST", "127.0.0.1")
MY_PORT = os.environ.get("BENCH_MYSQL_PORT", "3306")
MY_USER = os.environ.get("BENCH_MYSQL_USER", "root")
# Column c<n> gets TYPES[n % 8]: c3 int, c4 text, c5 varchar (used by the check and the indexes).
TYPES = ["numeric(12,2)", "timestamp", "boolean", "int", "text", "varchar(64)", "bigint", "date"]


def run(cmd, stdin=None, input=None):
    """Run a setup command; on failure show its error output, not the (huge) command line."""
    r = subprocess.run(cmd, stdin=stdin, input=input, capture_output=True)
    if r.returncode != 0:
        sys.exit(f"setup failed: {cmd[0]}: {r.stderr.decode(errors='replace')[-2000:]}")


def pg_url(db):
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + db


def measure(cmd, stdin=None, env=None):
    """Run cmd once; return (wall seconds, peak RSS in MB) of that process (GNU time's %M)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss, (open(stdin, "rb") if stdin else open(os.devnull, "rb")) as fin:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *cmd], stdin=fin,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            sys.exit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode(errors='replace')}")
        return wall, int(rss.read().strip().splitlines()[-1]) / 1024.0


def median_of(runs, cmd, stdin=None, env=None):
    results = [measure(cmd, stdin, env) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def columns_for(i, ncols, dialect):
    cols = ["id bigint PRIMARY KEY", "parent_id bigint"]
    for c in range(3, ncols + 1):
        t = TYPES[c % len(TYPES)]
        if dialect == "mysql" and t == "text":
            t = "varchar(200)"
        cols.append(f"c{c} {t}")
    return cols


# ---------------------------------------------------------------- PostgreSQL

PG_FLOOR = """
SELECT c.oid, n.nspname, c.relname, c.relkind, c.reltuples, d.description,
       CASE WHEN c.relkind IN ('v','m') THEN pg_get_viewdef(c.oid, true) END,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
 WHERE c.relkind IN ('r','v','m','p','f') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema';
SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(ad.adbin, ad.adrelid, true), a.attidentity, a.attgenerated, co.collname, d.description, t.typtype
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
  LEFT JOIN pg_description d ON d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum
 WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r','v','m','p','f')
   AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema';
SELECT con.conrelid, con.conname, con.contype, pg_get_constraintdef(con.oid, true)
  FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE con.contype IN ('p','u','f','c') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema';
SELECT i.indrelid, pg_get_indexdef(i.indexrelid)
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema';
SELECT t.oid, t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)
  FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.oid, t.typname;
"""


def pg_build(db, tables, ncols):
    run(["psql", PG_ADMIN, "-X", "-q", "-c", f'CREATE DATABASE "{db}"'])
    batch = 250
    for start in range(1, tables + 1, batch):
        stmts = []
        for i in range(start, min(start + batch, tables + 1)):
            cols = columns_for(i, ncols, "pg")
            cons = [f"CONSTRAINT t{i}_c3_check CHECK (c3 >= 0)"] if i % 10 == 0 else []
            if i > 1:
                cons.append(f"CONSTRAINT t{i}_parent_fk FOREIGN KEY (parent_id) REFERENCES t{i - 1} (id) ON DELETE CASCADE")
            stmts.append(f"CREATE TABLE t{i} ({', '.join(cols + cons)});")
            stmts.append(f"CREATE INDEX t{i}_parent ON t{i} (parent_id);")
            stmts.append(f"CREATE INDEX t{i}_c4_lower ON t{i} (lower(c4)) WHERE c5 IS NOT NULL;")
            if i % 10 == 0:
                stmts.append(f"COMMENT ON TABLE t{i} IS 'synthetic table {i}';")
        # Through stdin: a batch is larger than the kernel's limit for one argument (128 KiB).
        run(["psql", pg_url(db), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"], input="\n".join(stmts).encode())
    run(["psql", pg_url(db), "-X", "-q", "-c", "ANALYZE"])


def pg_drop(db):
    subprocess.run(["psql", PG_ADMIN, "-X", "-q", "-c", f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'], check=False)


# ---------------------------------------------------------------- MariaDB / MySQL


def my_floor(db):
    s = f"'{db}'"
    return f"""
SELECT TABLE_NAME, TABLE_TYPE, TABLE_ROWS, TABLE_COMMENT, CREATE_OPTIONS, TABLE_COLLATION
  FROM information_schema.TABLES WHERE TABLE_SCHEMA = {s};
SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, COLUMN_TYPE,
       COLLATION_NAME, EXTRA, COLUMN_COMMENT, GENERATION_EXPRESSION
  FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = {s} ORDER BY TABLE_NAME, ORDINAL_POSITION;
SELECT TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE
  FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = {s};
SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
  FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = {s}
 ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION;
SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = {s};
SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, INDEX_TYPE
  FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = {s} ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX;
"""


def my_cmd(*extra):
    return ["mariadb", "-h", MY_HOST, "-P", MY_PORT, "-u", MY_USER, *extra]


def my_build(db, tables, ncols, path):
    with open(path, "w") as f:
        f.write(f"CREATE DATABASE `{db}`; USE `{db}`; SET foreign_key_checks = 0;\n")
        for i in range(1, tables + 1):
            cols = columns_for(i, ncols, "mysql")
            cons = [f"CONSTRAINT t{i}_c3_check CHECK (c3 >= 0)"] if i % 10 == 0 else []
            cons.append(f"KEY t{i}_parent (parent_id)")
            cons.append(f"KEY t{i}_c4 (c4)")
            if i > 1:
                cons.append(f"CONSTRAINT t{i}_parent_fk FOREIGN KEY (parent_id) REFERENCES t{i - 1} (id) ON DELETE CASCADE")
            comment = f" COMMENT = 'synthetic table {i}'" if i % 10 == 0 else ""
            f.write(f"CREATE TABLE t{i} ({', '.join(cols + cons)}){comment};\n")
    with open(path, "rb") as f:
        run(my_cmd(), stdin=f)


def my_drop(db):
    subprocess.run(my_cmd("-e", f"DROP DATABASE IF EXISTS `{db}`"), check=False)


# ---------------------------------------------------------------- SQLite

SQLITE_FLOOR = """
SELECT name, type, sql FROM sqlite_schema WHERE type IN ('table','view');
SELECT m.name, c.* FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) c WHERE m.type IN ('table','view');
SELECT m.name, f.* FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table';
SELECT m.name, il.*, x.*, s.sql FROM sqlite_schema m JOIN pragma_index_list(m.name) il
  JOIN pragma_index_xinfo(il.name) x LEFT JOIN sqlite_schema s ON s.type = 'index' AND s.name = il.name
 WHERE m.type = 'table' AND x.key = 1;
"""


def sqlite_build(path, tables, ncols):
    con = sqlite3.connect(path)
    for i in range(1, tables + 1):
        cols = columns_for(i, ncols, "sqlite")
        cons = ["CHECK (c3 >= 0)"] if i % 10 == 0 else []
        if i > 1:
            cons.append(f"FOREIGN KEY (parent_id) REFERENCES t{i - 1} (id) ON DELETE CASCADE")
        con.execute(f"CREATE TABLE t{i} ({', '.join(cols + cons)})")
        con.execute(f"CREATE INDEX t{i}_parent ON t{i} (parent_id)")
        con.execute(f"CREATE INDEX t{i}_c4_lower ON t{i} (lower(c4)) WHERE c5 IS NOT NULL")
    con.commit()
    con.close()


# ---------------------------------------------------------------- driver


def workspace(tmp, sqlite_path):
    os.makedirs(os.path.join(tmp, "pipelines", "datasources"))
    with open(os.path.join(tmp, "pipelines", "mapwright.toml"), "w") as f:
        f.write('[store]\nurl = "file://./exports"\n')
    for name, engine, extra in [
        ("pg", "postgres", 'url_env = "BENCH_DS_PG"'),
        ("my", "mysql", 'url_env = "BENCH_DS_MY"'),
        ("lite", "sqlite", f'url = "sqlite://{sqlite_path}"'),
    ]:
        with open(os.path.join(tmp, "pipelines", "datasources", f"{name}.toml"), "w") as f:
            f.write(f'engine = "{engine}"\n{extra}\nclass = "test"\n')


def check_counts(cmd, env, tables, ncols):
    """Untimed sanity run: the catalog really holds every table and column."""
    out = subprocess.run(cmd, env=env, check=True, capture_output=True).stdout
    cat = json.loads(out)
    t = sum(len(s["tables"]) for s in cat["schemas"])
    c = sum(len(tb["columns"]) for s in cat["schemas"] for tb in s["tables"])
    if (t, c) != (tables, tables * ncols):
        sys.exit(f"mapwright found {t} tables / {c} columns, expected {tables} / {tables * ncols}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tables", type=int, default=5000)
    ap.add_argument("--columns", type=int, default=30)
    ap.add_argument("--runs", type=int, default=3, help="timed runs per command (median); dump peers run once")
    ap.add_argument("--only", default="pg,mysql,sqlite")
    ap.add_argument("--keep", action="store_true", help="keep the synthetic databases")
    a = ap.parse_args()
    if not os.access(BIN, os.X_OK):
        sys.exit(f"{BIN} not found: run `cargo build --release` first")
    engines = a.only.split(",")
    tmp = tempfile.mkdtemp(prefix="mwbench_")
    db = f"mwbench_{os.getpid()}"
    sqlite_path = os.path.join(tmp, "bench.db")
    workspace(tmp, sqlite_path)
    env = dict(os.environ, MAPWRIGHT_LOG="mapwright=warn", BENCH_DS_PG=pg_url(db),
               BENCH_DS_MY=f"mysql://{MY_USER}@{MY_HOST}:{MY_PORT}/{db}")
    rows = []
    try:
        for engine in engines:
            t0 = time.perf_counter()
            print(f"building {a.tables} tables x {a.columns} columns in {engine} ...", file=sys.stderr, flush=True)
            mw = [BIN, "--workspace", tmp, "-q", "discover", {"pg": "pg", "mysql": "my", "sqlite": "lite"}[engine],
                  "--format", "json"]
            if engine == "pg":
                pg_build(db, a.tables, a.columns)
                floor_sql = os.path.join(tmp, "floor_pg.sql")
                open(floor_sql, "w").write(PG_FLOOR)
                cmds = [("floor (psql bulk catalog read)", ["psql", pg_url(db), "-X", "-q", "-At", "-f", floor_sql], None, a.runs),
                        ("mapwright discover --format json", mw, None, a.runs),
                        ("pg_dump --schema-only", ["pg_dump", "--schema-only", pg_url(db)], None, 1)]
            elif engine == "mysql":
                my_build(db, a.tables, a.columns, os.path.join(tmp, "build_my.sql"))
                floor_sql = os.path.join(tmp, "floor_my.sql")
                open(floor_sql, "w").write(my_floor(db))
                cmds = [("floor (mariadb bulk catalog read)", my_cmd("-N", "-B", db), floor_sql, a.runs),
                        ("mapwright discover --format json", mw, None, a.runs),
                        ("mysqldump --no-data", ["mysqldump", "-h", MY_HOST, "-P", MY_PORT, "-u", MY_USER, "--no-data", db], None, 1)]
            else:
                sqlite_build(sqlite_path, a.tables, a.columns)
                floor_sql = os.path.join(tmp, "floor_sqlite.sql")
                open(floor_sql, "w").write(SQLITE_FLOOR)
                cmds = [("floor (sqlite3 bulk pragma read)", ["sqlite3", sqlite_path], floor_sql, a.runs),
                        ("mapwright discover --format json", mw, None, a.runs),
                        ("sqlite3 .schema", ["sqlite3", sqlite_path, ".schema"], None, 1)]
            print(f"  built in {time.perf_counter() - t0:.0f}s; measuring", file=sys.stderr, flush=True)
            check_counts(mw, env, a.tables, a.columns)
            floor = None
            for label, cmd, stdin, runs in cmds:
                wall, rss = median_of(runs, cmd, stdin, env)
                floor = floor or wall
                rows.append((engine, label, wall, rss, wall / floor, runs))
    finally:
        if not a.keep:
            if "pg" in engines:
                pg_drop(db)
            if "mysql" in engines:
                my_drop(db)
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"\ndiscovery benchmark: {a.tables} tables x {a.columns} columns (median of {a.runs} runs; dump peers 1 run)")
    print(f"{'engine':<7} {'command':<36} {'wall s':>8} {'peak RSS MB':>12} {'x floor':>8}")
    for engine, label, wall, rss, ratio, _ in rows:
        print(f"{engine:<7} {label:<36} {wall:>8.2f} {rss:>12.1f} {ratio:>8.2f}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Rebuild the bundled demo databases (demo/shop.db, demo/analytics.db, demo/sandbox.db) from their SQL.

The .db files are committed so the demo needs no setup; run this after editing the SQL.
"""
import pathlib
import sqlite3

here = pathlib.Path(__file__).resolve().parent
for name in ("shop", "analytics", "sandbox"):
    db = here / f"{name}.db"
    db.unlink(missing_ok=True)
    con = sqlite3.connect(db)
    con.executescript((here / f"{name}.sql").read_text())
    con.commit()
    con.execute("VACUUM")
    con.close()
    print(f"wrote {db.relative_to(here.parent)}")

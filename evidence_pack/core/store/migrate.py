"""Schema migrations: one numbered SQL file per step, tracked with PRAGMA user_version."""

from __future__ import annotations

import re
import sqlite3
from importlib import resources

from evidence_pack.core.errors import SchemaTooNew

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migration_steps() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) for every shipped migration, in order."""
    folder = resources.files("evidence_pack.core.store") / "migrations"
    steps = []
    for entry in folder.iterdir():
        m = _NAME.match(entry.name)
        if m:
            steps.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    steps.sort()
    expected = list(range(1, len(steps) + 1))
    if [s[0] for s in steps] != expected:
        raise RuntimeError(f"migrations are not numbered 1..n: {[s[1] for s in steps]}")
    return steps


def latest_version() -> int:
    return len(migration_steps())


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date; returns the version now in force.

    Each step runs in its own transaction together with its user_version bump, so a crash
    mid-upgrade leaves the database at the last completed step.
    """
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    steps = migration_steps()
    if current > len(steps):
        raise SchemaTooNew(
            f"this pack was written by a newer version of Evidence Pack (schema {current}; "
            f"this version knows up to {len(steps)}); update the app to open it"
        )
    for version, _name, sql in steps[current:]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split_statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _split_statements(sql: str) -> list[str]:
    # executescript() would commit our transaction, so statements run one by one.
    out, buf = [], []
    for line in sql.splitlines():
        if line.strip().startswith("--"):
            continue
        buf.append(line)
        candidate = "\n".join(buf)
        if sqlite3.complete_statement(candidate):
            if candidate.strip():
                out.append(candidate.strip())
            buf = []
    if "\n".join(buf).strip():
        raise ValueError("incomplete SQL statement at the end of a migration")
    return out

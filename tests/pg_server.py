"""A throwaway PostgreSQL server for tests.

``initdb`` in a temporary folder, a server listening on a unix socket in
that folder only (no TCP port), durability switched off for speed; stopped
and removed afterwards.  PostgreSQL refuses to run as root, so as root the
server runs as the ``postgres`` system user (via ``runuser``).

    with PgServer.start() as server:
        url = server.create_database("t1")   # postgresql://marsad@/t1?host=...
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

PORT = 5432  # names the socket file only; nothing listens on TCP


def server_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None."""
    found = shutil.which("initdb")
    candidates = [Path(found).resolve().parent] if found else []
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def unavailable() -> str | None:
    """Why a test server cannot be started here, or None when it can."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg not installed (pip install 'marsad[postgres]')"
    if server_binaries() is None:
        return "PostgreSQL server not installed (initdb/pg_ctl not found; Debian: apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
        if shutil.which("runuser") is None:
            return "running as root and runuser is not available to start the server as 'postgres'"
    return None


class PgServer:
    def __init__(self, root: Path, bin_dir: Path):
        self.root = root
        self.bin = bin_dir
        self.data = root / "data"

    @classmethod
    def start(cls) -> "PgServer":
        reason = unavailable()
        if reason:
            raise RuntimeError(reason)
        # Short path: a unix socket path must stay under ~100 bytes.
        root = Path(tempfile.mkdtemp(prefix="mpg", dir="/tmp"))
        server = cls(root, server_binaries())  # type: ignore[arg-type]
        if os.geteuid() == 0:
            pg = pwd.getpwnam("postgres")
            os.chown(root, pg.pw_uid, pg.pw_gid)
        try:
            server._as_owner(str(server.bin / "initdb"), "-D", str(server.data), "-A", "trust", "-U", "marsad",
                             "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
            options = (f"-k {root} -p {PORT} -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
                       " -c full_page_writes=off -c max_connections=40")
            server._as_owner(str(server.bin / "pg_ctl"), "-D", str(server.data), "-o", options,
                             "-l", str(root / "server.log"), "-w", "-t", "60", "start")
        except BaseException:
            server.stop()
            raise
        return server

    def _as_owner(self, *cmd: str) -> None:
        if os.geteuid() == 0:
            cmd = ("runuser", "-u", "postgres", "--", *cmd)
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.root / "server.log"
            detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr.strip()}\n{detail}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://marsad@/{database}?host={self.root}&port={PORT}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            try:
                self._as_owner(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except RuntimeError:
                pass
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> "PgServer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

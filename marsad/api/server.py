"""Run the API and dashboard with uvicorn."""
from __future__ import annotations

import sys

import uvicorn

from .app import create_app
from .backend import ENABLE_WRITES

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          read_only: bool | None = None, log_level: str = "info") -> None:
    """Serve the store at ``db`` on ``host:port`` until interrupted.

    Without ``read_only`` given, the server is read-only unless a ``token`` is
    given; with a token, ``POST /api/documents`` accepts requests carrying it."""
    read_only = token is None if read_only is None else read_only
    app = create_app(db, token=token, read_only=read_only)
    shown = f"[{host}]" if ":" in host else host
    print(f"marsad: dashboard at http://{shown}:{port}/  API docs at http://{shown}:{port}/docs", file=sys.stderr)
    if read_only or token is None:
        print("marsad: read-only; " + ENABLE_WRITES, file=sys.stderr)
    elif host not in LOOPBACK:
        print(f"marsad: writes enabled on {host}, reachable from other machines; keep the token secret "
              "and put the server behind HTTPS", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level=log_level)

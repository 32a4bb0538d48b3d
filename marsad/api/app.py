"""The FastAPI application: read endpoints over a store, the dashboard, the docs."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..store import EventFilter
from ..web import static_dir
from . import aggregate
from .backend import Backend
from .params import Limit, Offset, event_filter, page
from .submit import MAX_BODY_BYTES
from .submit import router as submit_router

SUMMARY_CAP = 10_000  # events a dashboard summary looks at (the newest matching ones): one store call
DOWNLOAD_PAGE = 5_000
DASHBOARD_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
API_CSP = "default-src 'none'; frame-ancestors 'none'"

DESCRIPTION = """Arabic news in, structured political event data (PLOVER) out.

Read endpoints are open; `POST /api/documents` needs the server to be started
with an API token (`marsad serve --token TOKEN` or `$MARSAD_API_TOKEN`) and the
request to carry it as `Authorization: Bearer TOKEN`. Character offsets
(evidence, entities) index into the document's cleaned `text`, counted in
Unicode code points. The dashboard is at `/`."""


def create_app(db: str, token: str | None = None, read_only: bool = True) -> FastAPI:
    """The API and dashboard over the store at ``db``.

    Writes (``POST /api/documents``) are accepted only when ``read_only`` is
    False *and* a ``token`` is configured; otherwise they get a 403 saying how
    to enable them."""
    backend = Backend(db, token, read_only)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        backend.close()

    app = FastAPI(title="marsad API", version=__version__, description=DESCRIPTION, docs_url=None,
                  redoc_url=None, lifespan=lifespan)
    app.state.backend = backend
    app.state.country_shapes = _UNSET
    _install_guards(app)
    _install_docs(app)
    app.include_router(submit_router)
    _read_routes(app)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(static_dir() / "index.html", media_type="text/html")

    return app


def _backend(request: Request) -> Backend:
    return request.app.state.backend


BackendDep = Annotated[Backend, Depends(_backend)]
FilterDep = Annotated[EventFilter, Depends(event_filter)]


def _paged(items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    """A page from ``limit + 1`` fetched rows: the extra row only says whether more follow."""
    more = len(items) > limit
    return {"items": items[:limit], "limit": limit, "offset": offset,
            "next_offset": offset + limit if more else None}


def _read_routes(app: FastAPI) -> None:
    @app.get("/api/health", tags=["meta"], summary="Liveness and the server's write policy")
    def health(backend: BackendDep) -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "read_only": backend.read_only,
                "writes_enabled": backend.writes_enabled}

    @app.get("/api/stats", tags=["meta"], summary="Counts of what the store holds")
    def stats(backend: BackendDep) -> dict[str, Any]:
        return backend.locked(lambda s: s.stats())

    @app.get("/api/documents", tags=["documents"], summary="Stored documents, newest first")
    def documents(backend: BackendDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return _paged(backend.locked(lambda s: s.documents(limit + 1, offset)), limit, offset)

    @app.get("/api/search", tags=["documents"], summary="Full-text search (variant-aware Arabic matching)")
    def search(backend: BackendDep, q: Annotated[str, Query(min_length=1, max_length=200)],
               limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict[str, Any]:
        """Each hit has a snippet of the article and the [start, end) of every
        matching word inside that snippet."""
        hits = backend.locked(lambda s: s.search(q, limit))
        return {"query": q, "items": [{"id": h.id, "title": h.title, "source": h.source, "snippet": h.snippet,
                                       "highlights": [list(m) for m in h.highlights]} for h in hits]}

    @app.get("/api/documents/{doc_id:path}", tags=["documents"], summary="One document with all its layers",
             responses={404: {"description": "No such document"}})
    def document(doc_id: str, backend: BackendDep) -> dict[str, Any]:
        """The contract object ({id, text, entities, dates, events, quotes})
        plus `meta` (title, date, outlet, url, story, duplicate_of)."""
        found = backend.locked(lambda s: s.get(doc_id))
        if found is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        return found

    @app.get("/api/events", tags=["events"], summary="Coded events, filtered and paginated, newest first")
    def events(backend: BackendDep, flt: FilterDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return _paged(backend.locked(lambda s: s.events(page(flt, limit + 1, offset))), limit, offset)

    @app.get("/api/events/download", tags=["events"], summary="Filtered events as a CSV or JSON Lines file",
             response_class=StreamingResponse)
    def download(backend: BackendDep, flt: FilterDep, format: Literal["csv", "jsonl"] = "csv",
                 max_rows: Annotated[int, Query(ge=1, le=5_000_000)] = 1_000_000) -> StreamingResponse:
        rows = _all_events(backend, flt, max_rows)
        if format == "csv":
            return StreamingResponse(_csv_lines(rows), media_type="text/csv; charset=utf-8",
                                     headers={"Content-Disposition": 'attachment; filename="marsad-events.csv"'})
        return StreamingResponse(_jsonl_lines(rows), media_type="application/x-ndjson; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="marsad-events.jsonl"'})

    @app.get("/api/events/summary", tags=["events"], summary="Timeline, actor network and places of the filtered events",
             description=f"Computed over the newest {SUMMARY_CAP} matching events; `complete` is false when more "
                         "matched. Timeline buckets are days for spans up to three months, else months.")
    def summary(backend: BackendDep, flt: FilterDep) -> dict[str, Any]:
        rows = list(_all_events(backend, flt, SUMMARY_CAP + 1))
        return aggregate.summary(rows[:SUMMARY_CAP], complete=len(rows) <= SUMMARY_CAP)

    @app.get("/api/actors", tags=["actors"], summary="Canonical actors with mention and event counts")
    def actors(backend: BackendDep, limit: Annotated[int, Query(ge=1, le=5000)] = 100) -> dict[str, Any]:
        return {"items": backend.locked(lambda s: s.actors(limit))}

    @app.get("/api/stories", tags=["stories"], summary="Stories (clusters of articles), largest first")
    def stories(backend: BackendDep, limit: Annotated[int, Query(ge=1, le=5000)] = 100) -> dict[str, Any]:
        return {"items": backend.locked(lambda s: s.stories(limit))}

    @app.get("/api/geo/countries", tags=["meta"], summary="Country outlines (GeoJSON) for the map",
             responses={404: {"description": "No country shapes installed"}})
    def countries(request: Request) -> FileResponse:
        path = _country_shapes(request.app)
        if path is None:
            raise HTTPException(404, "country shapes are not installed (marsad.geo.country_shapes_path is missing)")
        return FileResponse(path, media_type="application/geo+json")


def _all_events(backend: Backend, flt: EventFilter, max_rows: int) -> Iterator[dict[str, Any]]:
    """Matching events page by page (the lock is taken per page, not for the whole download)."""
    offset = 0
    while offset < max_rows:
        size = min(DOWNLOAD_PAGE, max_rows - offset)
        rows = backend.locked(lambda s: s.events(page(flt, size, offset)))
        yield from rows
        if len(rows) < size:
            return
        offset += size


def _jsonl_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    # chunks of ~64 KB, not one line at a time: Starlette runs each step of a
    # sync iterator in the thread pool, and a hop per row made JSONL ten times
    # slower than CSV (2.7 s for 5,000 events, and far worse under load)
    chunk: list[str] = []
    size = 0
    for r in rows:
        chunk.append(json.dumps(r, ensure_ascii=False) + "\n")
        size += len(chunk[-1])
        if size > 64_000:
            yield "".join(chunk)
            chunk, size = [], 0
    yield "".join(chunk)


def _csv_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    # BOM first so spreadsheet programs read the Arabic as UTF-8 (as `marsad export` does)
    buf = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    yield "\ufeff"
    for r in rows:
        if writer is None:
            writer = csv.DictWriter(buf, fieldnames=list(r))
            writer.writeheader()
        writer.writerow(r)
        if buf.tell() > 64_000:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


_UNSET = object()


def _country_shapes(app: FastAPI) -> Path | None:
    """The geo module's country GeoJSON when that module is installed (looked up once)."""
    if app.state.country_shapes is _UNSET:
        path = None
        try:
            from ..geo import country_shapes_path  # type: ignore[attr-defined]
            candidate = Path(country_shapes_path())
            path = candidate if candidate.is_file() else None
        except (ImportError, AttributeError, OSError):
            path = None
        app.state.country_shapes = path
    return app.state.country_shapes


def _install_guards(app: FastAPI) -> None:
    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if request.method in ("POST", "PUT", "PATCH"):
            length = request.headers.get("content-length")
            if length is None or not length.isdigit():
                return JSONResponse({"detail": "a Content-Length header is required"}, status_code=411)
            if int(length) > MAX_BODY_BYTES:
                return JSONResponse({"detail": f"request body of {length} bytes is over the limit of "
                                               f"{MAX_BODY_BYTES} bytes"}, status_code=413)
        response = await call_next(request)
        path = request.url.path
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if path == "/" or path.startswith("/static/"):
            response.headers["Content-Security-Policy"] = DASHBOARD_CSP
            response.headers["Cache-Control"] = "no-cache"  # revalidate: an upgrade must not mix old modules
        elif path.startswith("/api/") and not path.startswith("/api/docs-assets/"):
            response.headers["Content-Security-Policy"] = API_CSP
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors()]
        return JSONResponse({"detail": "; ".join(_describe(e) for e in errors) or "invalid request",
                             "errors": jsonable_encoder(errors)}, status_code=422)


def _describe(error: dict[str, Any]) -> str:
    loc = [str(p) for p in error["loc"]]
    where = {"query": "query parameter", "body": "field", "path": "path parameter", "header": "header"}
    if loc and loc[0] in where and len(loc) > 1:
        name = ".".join(loc[1:])
        return f"{where[loc[0]]} '{name}': {error['msg']}"
    if loc == ["body"]:
        return f"request body: {error['msg']}"
    return f"{'.'.join(loc)}: {error['msg']}"


def _install_docs(app: FastAPI) -> None:
    """Swagger UI from the swagger-ui-bundle package (no CDN: the server may be offline)."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        swagger_ui_path = None
    if swagger_ui_path:
        app.mount("/api/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if not swagger_ui_path:
            return HTMLResponse("<!doctype html><title>marsad API</title><p>Interactive docs need the "
                                "<code>swagger-ui-bundle</code> package. The OpenAPI description is at "
                                "<a href='/openapi.json'>/openapi.json</a>.</p>")
        return get_swagger_ui_html(openapi_url="/openapi.json", title="marsad API",
                                   swagger_js_url="/api/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/api/docs-assets/swagger-ui.css",
                                   swagger_favicon_url="/api/docs-assets/favicon-32x32.png")

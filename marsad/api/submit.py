"""POST /api/documents: an article in, its coded records out (and stored)."""
from __future__ import annotations

import hashlib
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..contract import document_obj, metadata_obj
from ..model import Document
from .backend import Backend
from .params import DATE_PATTERN

MAX_TEXT_CHARS = 200_000  # about 40 long news articles; a single article is far shorter
MAX_BODY_BYTES = 1_000_000  # checked before the body is read (UTF-8 Arabic is 2 bytes a letter)

router = APIRouter(tags=["documents"])


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="Article body: plain text, or HTML with format=html.")
    id: str | None = Field(None, min_length=1, max_length=200, pattern=r"^[^\x00-\x1f]+$",
                           description="Document id; default: derived from the text.")
    title: str | None = Field(None, max_length=1000)
    pub_date: str | None = Field(None, pattern=DATE_PATTERN, description="Publication date, YYYY-MM-DD.")
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)
    format: Literal["text", "html"] = "text"

    @field_validator("url")
    @classmethod
    def _web_address(cls, v: str | None) -> str | None:
        if v and not v.lower().startswith(("http://", "https://")):
            raise ValueError("url must start with http:// or https://")
        return v


def require_write_token(
    request: Request,
    authorization: Annotated[str | None, Header(description="Bearer TOKEN")] = None,
    x_api_token: Annotated[str | None, Header(description="TOKEN (alternative to Authorization)")] = None,
) -> Backend:
    """Refuse before the body is even validated: 403 when writes are off, 401 on a wrong token."""
    backend: Backend = request.app.state.backend
    refusal = backend.write_refusal()
    if refusal:
        raise HTTPException(403, refusal)
    given = authorization[7:].strip() if authorization and authorization[:7].lower() == "bearer " else x_api_token
    if not backend.token_matches(given):
        raise HTTPException(401, "missing or wrong API token: send `Authorization: Bearer TOKEN`",
                            headers={"WWW-Authenticate": "Bearer"})
    return backend


@router.post(
    "/api/documents",
    summary="Submit an article: run the pipeline, store it, return its coded records",
    status_code=201,
    responses={
        200: {"description": "Already stored (unchanged, updated or a duplicate of a stored text)."},
        201: {"description": "Stored as a new document."},
        401: {"description": "Missing or wrong API token."},
        403: {"description": "Writes are disabled on this server (read-only, or no token configured)."},
        411: {"description": "The request has no Content-Length."},
        413: {"description": "The body is larger than the limit."},
        422: {"description": "Invalid article (field named in the message)."},
    },
)
def submit_document(article: ArticleIn, backend: Annotated[Backend, Depends(require_write_token)]) -> JSONResponse:
    """The response is the evaluation contract's object for the article
    ({id, text, entities, dates, events, quotes}) plus `meta` and `stored`
    (added, updated, unchanged or duplicate)."""
    doc_id = article.id or "api-" + hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:16]
    doc = Document(id=doc_id, raw=article.text, title=article.title, pub_date=article.pub_date,
                   url=article.url, outlet=article.outlet, format=article.format, source_path="api")
    try:
        doc = backend.process(doc)
    except Exception as exc:  # a pipeline bug: say which, keep the server up
        raise HTTPException(500, f"processing failed: {type(exc).__name__}: {exc}") from exc
    if not doc.text.strip():
        raise HTTPException(422, "no article text found after cleaning (was it only markup or boilerplate?)")
    outcome = backend.locked(lambda store: store.add(doc, backend.stage_names))
    body: dict[str, Any] = document_obj(doc) | {"meta": metadata_obj(doc), "stored": outcome}
    return JSONResponse(body, status_code=201 if outcome == "added" else 200)

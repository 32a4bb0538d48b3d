"""The REST API and dashboard server: ``create_app`` builds it, ``serve`` runs it."""
from .app import create_app
from .server import serve

__all__ = ["create_app", "serve"]

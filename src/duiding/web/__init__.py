"""The web UI and JSON API (FastAPI): pages and endpoints over the same store and report model."""

from .app import create_app

__all__ = ["create_app"]

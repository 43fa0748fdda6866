"""The web app: FastAPI pages and JSON API over the same core."""

from backcoach.web.app import create_app

__all__ = ["create_app"]

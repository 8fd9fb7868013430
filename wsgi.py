"""WSGI entry point: ``gunicorn wsgi:app``."""

from tourroute import create_app

app = create_app()

"""WSGI entry point: ``gunicorn wsgi:app``.

Loaded once in gunicorn's master (``preload_app``), which also fills the caches every worker
forks with (``services.warmup``).
"""

from tourroute import create_app
from tourroute.services.warmup import warm

app = create_app()
warm(app)

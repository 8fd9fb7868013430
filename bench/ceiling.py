"""The ceiling ``bench/load.py`` compares against: bare Flask + SQLAlchemy, one row per request.

It reads the same place from the same PostgreSQL as ``GET /api/v1/places/den-hung`` and answers
it as JSON, with nothing else on the path: no extensions, no templates, no rate limit. What the
app does beyond this is what a ratio to it measures.

    BENCH_DATABASE_URL=postgresql+psycopg://... gunicorn --chdir bench ceiling:app
"""

from __future__ import annotations

import os

from flask import Flask, abort
from sqlalchemy import create_engine, text

engine = create_engine(os.environ["BENCH_DATABASE_URL"], pool_pre_ping=True)
app = Flask(__name__)
QUERY = text("SELECT slug, name_vi, name_en, lat, lon FROM places WHERE slug = :slug")


@app.get("/api/v1/places/<slug>")
def place(slug: str) -> dict[str, object]:
    with engine.connect() as connection:
        row = connection.execute(QUERY, {"slug": slug}).mappings().first()
    if row is None:
        abort(404)
    return dict(row)

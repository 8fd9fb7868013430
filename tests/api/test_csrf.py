"""The JSON API is exempt from CSRF protection (it authenticates nobody by cookie)."""

from __future__ import annotations

from pathlib import Path

from tourroute import create_app


def test_posting_to_the_api_needs_no_csrf_token(tmp_path: Path) -> None:
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'csrf.sqlite'}",
            "WTF_CSRF_ENABLED": True,
        }
    )
    response = app.test_client().post("/api/v1/itineraries", data="x", content_type="text/plain")
    # CSRF protection would have refused the request with its own 400 before the view ran.
    assert response.status_code == 415
    assert response.get_json()["type"].endswith("#problem-unsupported-media-type")

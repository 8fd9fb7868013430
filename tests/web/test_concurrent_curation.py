"""Two people acting on the same draft or place at the same moment: one wins, the other is told
with a 409 — never a 500 — and exactly one revision is written."""

from __future__ import annotations

import threading

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.web.conftest import place_in, sign_in
from tests.web.test_curation import draft_id_from, draft_version, form_of
from tourroute.extensions import db
from tourroute.models import Place, PlaceRevision

ROUNDS = 3


def race(clients: list[FlaskClient], url: str, data: dict[str, object] | None = None) -> list[int]:
    """Every client posts ``data`` to ``url``, in threads released together; sorted statuses."""
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []

    def run(client: FlaskClient) -> None:
        barrier.wait()
        statuses.append(client.post(url, data=data).status_code)

    threads = [threading.Thread(target=run, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)


def client_of(app: Flask, user_id: int) -> FlaskClient:
    client = app.test_client()
    sign_in(app, client, user_id)
    return client


def revisions(app: Flask, slug: str, action: str) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count())
            .select_from(PlaceRevision)
            .join(Place)
            .where(Place.slug == slug, PlaceRevision.action == action)
        )


def test_two_reviewers_approving_one_draft_get_one_success_and_one_conflict(
    app: Flask, people: dict[str, int]
) -> None:
    slug = place_in(app, "bac-ninh").slug
    author = client_of(app, people["curator"])
    reviewers = [client_of(app, people["curator2"]), client_of(app, people["admin"])]
    for round_number in range(ROUNDS):
        form = form_of(app, slug, commune=f"Xã thử {round_number}")
        draft_id = draft_id_from(author.post(f"/curate/places/{slug}/edit", data=form))
        author.post(f"/curate/drafts/{draft_id}/submit", data={"version": 1})
        version = draft_version(app, draft_id)
        data = {"decision": "approve", "version": version, "comment": "ok"}
        statuses = race(reviewers, f"/curate/drafts/{draft_id}/review", data)
        assert statuses == [302, 409]
        assert revisions(app, slug, "publish") == round_number + 1
        with app.app_context():
            assert db.session.scalar(select(Place.commune).where(Place.slug == slug)) == (
                f"Xã thử {round_number}"
            )


def test_two_curators_unpublishing_one_place_get_one_success_and_one_conflict(
    app: Flask, people: dict[str, int]
) -> None:
    slug = place_in(app, "bac-ninh").slug
    curators = [client_of(app, people["curator"]), client_of(app, people["curator2"])]
    for round_number in range(ROUNDS):
        for action in ("unpublish", "republish"):
            statuses = race(curators, f"/curate/places/{slug}/{action}")
            assert statuses == [302, 409]
            assert revisions(app, slug, action) == round_number + 1

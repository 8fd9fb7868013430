"""What a department sees around a review: its places list, the review page's map and labelled
diff, the two decisions, the unpublish confirmation and a 403 that says why."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.web.conftest import place_in, row_counts
from tests.web.test_curation import draft_id_from, form_of
from tourroute.core.domain import VISIT_KINDS
from tourroute.extensions import db
from tourroute.models import Place


def test_places_list_is_the_curators_province_with_filters(
    app: Flask, client: FlaskClient, people: dict[str, int], login_as: Callable[[str], None]
) -> None:
    login_as("curator")
    page = client.get("/en/curate/places").text
    bac_ninh = place_in(app, "bac-ninh")
    phu_tho = place_in(app, "phu-tho")
    assert f"/curate/places/{bac_ninh.slug}/edit" in page
    assert f"/curate/places/{phu_tho.slug}/edit" not in page
    assert client.get("/en/curate/places?province=phu-tho").status_code == 200
    assert phu_tho.slug not in client.get("/en/curate/places?province=phu-tho").text

    with app.app_context():
        unknown_hours = db.session.scalars(
            select(Place.slug).where(
                Place.province_code == "bac-ninh",
                Place.opening_hours.in_(("", "unknown")),
                Place.kind.in_(VISIT_KINDS),
            )
        ).all()
        known_hours = db.session.scalars(
            select(Place.slug).where(
                Place.province_code == "bac-ninh", Place.opening_hours.not_in(("", "unknown"))
            )
        ).all()
    assert unknown_hours and known_hours, "the seed has both, or this test proves nothing"
    filtered = client.get("/en/curate/places?missing=hours_known").text
    assert f"{len(unknown_hours)} places" in filtered
    assert not any(f"/curate/places/{s}/edit" in filtered for s in known_hours)
    assert client.get("/en/curate/places?missing=nonsense").status_code == 400
    named = client.get("/en/curate/places", query_string={"q": bac_ninh.name_vi}).text
    assert f"/curate/places/{bac_ninh.slug}/edit" in named


def test_admin_lists_every_province_or_the_one_chosen(
    client: FlaskClient, app: Flask, people: dict[str, int], login_as: Callable[[str], None]
) -> None:
    login_as("admin")
    with app.app_context():
        total = db.session.query(Place).count()
        phu_tho = db.session.query(Place).filter_by(province_code="phu-tho").count()
    assert f"{total} places" in client.get("/en/curate/places").text
    assert f"{phu_tho} places" in client.get("/en/curate/places?province=phu-tho").text


def test_place_page_shows_edit_only_to_its_curators(
    app: Flask, client: FlaskClient, people: dict[str, int], login_as: Callable[[str], None]
) -> None:
    slug = place_in(app, "bac-ninh").slug
    edit = f"/curate/places/{slug}/edit"
    assert edit not in client.get(f"/en/places/{slug}").text
    for name, shown in (
        ("agency", False),
        ("pt_curator", False),
        ("curator", True),
        ("admin", True),
    ):
        login_as(name)
        assert (edit in client.get(f"/en/places/{slug}").text) is shown, name


def test_review_page_has_map_labels_and_no_phantom_change(
    app: Flask, client: FlaskClient, people: dict[str, int], login_as: Callable[[str], None]
) -> None:
    place = place_in(app, "bac-ninh")
    login_as("curator")
    moved = repr(round(place.lat + 0.001, 6))
    created = client.post(
        f"/curate/places/{place.slug}/edit", data=form_of(app, place.slug, lat=moved)
    )
    assert created.status_code == 302, created.text
    draft_id = draft_id_from(created)
    login_as("curator2")
    page = client.get(f"/en/curate/drafts/{draft_id}").text
    assert "Latitude" in page and ">lat<" not in page
    assert "Interest" not in page, "an unchanged interest is no change"
    assert 'id="review-map"' in page and "tr-boundary-bac-ninh" in page
    assert "tr-old" in page and "tr-new" in page
    vi = client.get(f"/curate/drafts/{draft_id}").text
    assert "Vĩ độ" in vi


def test_approve_and_reject_look_different(
    app: Flask, client: FlaskClient, people: dict[str, int], login_as: Callable[[str], None]
) -> None:
    place = place_in(app, "bac-ninh")
    login_as("curator")
    draft_id = draft_id_from(
        client.post(f"/curate/places/{place.slug}/edit", data=form_of(app, place.slug, commune="X"))
    )
    client.post(f"/curate/drafts/{draft_id}/submit", data={"version": "1"})
    login_as("curator2")
    page = client.get(f"/en/curate/drafts/{draft_id}").text
    assert 'class="button-approve"' in page and 'class="button-reject"' in page


def test_unpublish_asks_for_confirmation_first(
    app: Flask, client: FlaskClient, people: dict[str, int], login_as: Callable[[str], None]
) -> None:
    slug = place_in(app, "bac-ninh").slug
    login_as("curator")
    before = row_counts(app)
    asked = client.post(f"/en/curate/places/{slug}/unpublish")
    assert asked.status_code == 200 and 'name="confirm"' in asked.text
    assert "button-danger" in asked.text
    assert row_counts(app) == before, "asking changes nothing"
    done = client.post(f"/en/curate/places/{slug}/unpublish", data={"confirm": "1"})
    assert done.status_code == 302
    assert row_counts(app)["published"] == before["published"] - 1


def test_forbidden_page_names_the_reason(
    app: Flask, client: FlaskClient, people: dict[str, int], login_as: Callable[[str], None]
) -> None:
    login_as("curator")
    other = client.get(f"/en/curate/places/{place_in(app, 'phu-tho').slug}/edit")
    assert other.status_code == 403 and "another province" in other.text
    vi = client.get(f"/curate/places/{place_in(app, 'phu-tho').slug}/edit")
    assert "thuộc một tỉnh khác" in vi.text
    login_as("agency")
    role = client.get("/en/curate/")
    assert role.status_code == 403 and "role does not allow" in role.text

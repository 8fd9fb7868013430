"""The curation workflow: drafts, review, publication, history, restore, conflicts, checks."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.web.conftest import place_in, row_counts, sign_in
from tourroute.extensions import db
from tourroute.models import Place, PlaceDraft, PlaceRevision
from tourroute.services.curation import place_fields


def form_of(app: Flask, slug: str, **changes: str) -> dict[str, object]:
    """The edit form as a browser would post it for the place ``slug``."""
    with app.app_context():
        place = db.session.scalar(select(Place).where(Place.slug == slug))
        fields: dict[str, object] = dict(place_fields(place))
        fields["base_version"] = str(place.version)
    fields["tags"] = [t for t in str(fields["tags"]).split(";") if t]
    fields["festivals"] = [f for f in str(fields["festivals"]).split(";") if f]
    fields.update(changes)
    return fields


def new_place_form(app: Flask, **changes: str) -> dict[str, object]:
    """A new Bắc Ninh place placed exactly on a seeded Bắc Ninh place's coordinates."""
    anchor = place_in(app, "bac-ninh")
    fields: dict[str, object] = {
        "slug": "dinh-thu-nghiem-moi",
        "name_vi": "Đình Thử Nghiệm Mới",
        "name_en": "New Test Communal House",
        "kind": "spiritual",
        "lat": repr(anchor.lat),
        "lon": repr(anchor.lon),
        "precision": "commune",
        "coord_source": "test: same point as " + anchor.slug,
        "visit_min": "45",
        "opening_hours": "Mo-Fr 07:30-11:30,13:30-17:00; Sa 08:00-12:00; Su off",
        "hours_source": "test source",
    }
    fields.update(changes)
    return fields


def draft_id_from(response) -> int:  # type: ignore[no-untyped-def]
    match = re.search(r"/curate/drafts/(\d+)$", response.headers["Location"])
    assert match, response.headers.get("Location")
    return int(match.group(1))


def draft_version(app: Flask, draft_id: int) -> int:
    with app.app_context():
        return db.session.get(PlaceDraft, draft_id).version


def test_draft_review_and_publication(
    app: Flask, client: FlaskClient, people: dict[str, int], login_as: Callable[[str], None]
) -> None:
    login_as("curator")
    created = client.post("/curate/places/new", data=new_place_form(app))
    assert created.status_code == 302, created.text
    draft_id = draft_id_from(created)
    assert client.get("/places/dinh-thu-nghiem-moi").status_code == 404  # not published yet

    submitted = client.post(
        f"/curate/drafts/{draft_id}/submit", data={"version": draft_version(app, draft_id)}
    )
    assert submitted.status_code == 302
    own_review = client.post(
        f"/curate/drafts/{draft_id}/review",
        data={"decision": "approve", "version": draft_version(app, draft_id)},
    )
    assert own_review.status_code == 403, "nobody approves their own draft"

    login_as("curator2")
    approved = client.post(
        f"/curate/drafts/{draft_id}/review",
        data={"decision": "approve", "version": draft_version(app, draft_id), "comment": "ok"},
    )
    assert approved.status_code == 302
    public = client.get("/en/places/dinh-thu-nghiem-moi")
    assert public.status_code == 200 and "New Test Communal House" in public.text
    with app.app_context():
        place = db.session.scalar(select(Place).where(Place.slug == "dinh-thu-nghiem-moi"))
        assert place.opening_hours == "Mo-Fr 07:30-11:30,13:30-17:00; Sa 08:00-12:00; Su off"
        revision = db.session.scalar(
            select(PlaceRevision).where(PlaceRevision.place_id == place.id)
        )
        assert revision.action == "publish" and revision.approver_id == people["curator2"]
        assert revision.author_id == people["curator"]
        assert revision.changes["name_vi"] == ["", "Đình Thử Nghiệm Mới"]


def test_rejection_needs_a_comment_and_returns_the_draft(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("curator")
    draft_id = draft_id_from(client.post("/curate/places/new", data=new_place_form(app)))
    client.post(f"/curate/drafts/{draft_id}/submit", data={"version": 1})
    login_as("curator2")
    version = draft_version(app, draft_id)
    bare = client.post(
        f"/curate/drafts/{draft_id}/review", data={"decision": "reject", "version": version}
    )
    assert bare.status_code == 400 and "Hãy nêu lý do" in bare.text
    rejected = client.post(
        f"/curate/drafts/{draft_id}/review",
        data={"decision": "reject", "version": version, "comment": "Thiếu nguồn giờ mở cửa"},
    )
    assert rejected.status_code == 302
    login_as("curator")
    form = client.get("/curate/places/dinh-thu-nghiem-moi/edit").text
    assert "Thiếu nguồn giờ mở cửa" in form


def test_editing_a_published_place_changes_it_only_after_approval(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    slug = place_in(app, "bac-ninh").slug
    login_as("curator")
    saved = client.post(
        f"/curate/places/{slug}/edit", data=form_of(app, slug, description_en="Changed words.")
    )
    assert saved.status_code == 302
    draft_id = draft_id_from(saved)
    assert "Changed words." not in client.get(f"/en/places/{slug}").text
    client.post(f"/curate/drafts/{draft_id}/submit", data={"version": 1})
    login_as("curator2")
    client.post(
        f"/curate/drafts/{draft_id}/review",
        data={"decision": "approve", "version": draft_version(app, draft_id)},
    )
    assert "Changed words." in client.get(f"/en/places/{slug}").text

    history = client.get(f"/en/curate/places/{slug}/history").text
    assert "State before curation" in history and "description_en" in history
    restored = client.post(f"/curate/places/{slug}/history/1/restore")
    assert restored.status_code == 302
    with app.app_context():
        draft = db.session.scalar(
            select(PlaceDraft).where(PlaceDraft.slug == slug, PlaceDraft.origin == "restore")
        )
        assert draft is not None and draft.status == "draft"
        assert draft.fields["description_en"] != "Changed words."


def test_second_concurrent_edit_is_refused_and_keeps_its_text(
    app: Flask, client: FlaskClient, people: dict[str, int]
) -> None:
    slug = place_in(app, "bac-ninh").slug
    first, second = app.test_client(), app.test_client()
    sign_in(app, first, people["curator"])
    sign_in(app, second, people["curator2"])
    form_first = form_of(app, slug, description_vi="Bản của người thứ nhất.")
    form_second = form_of(app, slug, description_vi="Bản của người thứ hai <b>đậm</b>.")
    assert first.post(f"/curate/places/{slug}/edit", data=form_first).status_code == 302
    before = row_counts(app)
    refused = second.post(f"/curate/places/{slug}/edit", data=form_second)
    assert refused.status_code == 409
    assert "Một bản nháp của địa điểm này đã được tạo" in refused.text
    assert "Bản của người thứ hai &lt;b&gt;đậm&lt;/b&gt;." in refused.text, "their text is kept"
    assert row_counts(app) == before


def test_second_save_of_the_same_draft_is_refused(
    app: Flask, client: FlaskClient, people: dict[str, int]
) -> None:
    slug = place_in(app, "bac-ninh").slug
    first, second = app.test_client(), app.test_client()
    sign_in(app, first, people["curator"])
    sign_in(app, second, people["curator2"])
    draft_id = draft_id_from(first.post(f"/curate/places/{slug}/edit", data=form_of(app, slug)))
    # Both open the draft at version 1.
    stale = {**form_of(app, slug), "draft_id": str(draft_id), "draft_version": "1"}
    ok = first.post(f"/curate/places/{slug}/edit", data={**stale, "commune": "Xã A"})
    assert ok.status_code == 302
    refused = second.post(f"/en/curate/places/{slug}/edit", data={**stale, "commune": "Xã B"})
    assert refused.status_code == 409 and "Someone else saved this draft" in refused.text
    assert 'value="Xã B"' in refused.text
    with app.app_context():
        assert db.session.get(PlaceDraft, draft_id).fields["commune"] == "Xã A"


def test_unpublishing_is_soft_and_reversible(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    slug = place_in(app, "bac-ninh").slug
    login_as("curator")
    assert client.post(f"/curate/places/{slug}/unpublish", data={"confirm": "1"}).status_code == 302
    assert client.get(f"/places/{slug}").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(Place).where(Place.slug == slug)).status == "unpublished"
    assert client.post(f"/curate/places/{slug}/republish").status_code == 302
    assert client.get(f"/places/{slug}").status_code == 200
    assert "Công bố lại" in client.get(f"/curate/places/{slug}/history").text


def test_curator_cannot_create_in_another_province_by_posting_it(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("curator")
    response = client.post("/curate/places/new", data=new_place_form(app, province="phu-tho"))
    assert response.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(PlaceDraft)) is None


def test_dashboard_lists_drafts_and_reviews_in_both_languages(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("curator")
    draft_id = draft_id_from(client.post("/curate/places/new", data=new_place_form(app)))
    client.post(f"/curate/drafts/{draft_id}/submit", data={"version": 1})
    login_as("curator2")
    vi = client.get("/curate/")
    en = client.get("/en/curate/")
    assert "Chờ tôi duyệt" in vi.text and "Awaiting my review" in en.text
    assert "Đình Thử Nghiệm Mới" in vi.text


def test_likely_duplicate_is_flagged_for_the_reviewer(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    anchor = place_in(app, "bac-ninh")
    login_as("curator")
    form = new_place_form(app, name_vi=anchor.name_vi.upper(), name_en="")
    draft_id = draft_id_from(client.post("/curate/places/new", data=form))
    client.post(f"/curate/drafts/{draft_id}/submit", data={"version": 1})
    login_as("curator2")
    page = client.get(f"/en/curate/drafts/{draft_id}").text
    assert f"Possible duplicate of “{anchor.name_vi}” ({anchor.slug}), 0 m away" in page


def test_approval_is_refused_when_the_place_changed_since_the_draft_began(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    slug = place_in(app, "bac-ninh").slug
    login_as("curator")
    draft_id = draft_id_from(client.post(f"/curate/places/{slug}/edit", data=form_of(app, slug)))
    client.post(f"/curate/drafts/{draft_id}/submit", data={"version": 1})
    client.post(
        f"/curate/places/{slug}/unpublish", data={"confirm": "1"}
    )  # changes the place's version
    login_as("curator2")
    before = row_counts(app)
    refused = client.post(
        f"/en/curate/drafts/{draft_id}/review",
        data={"decision": "approve", "version": draft_version(app, draft_id)},
    )
    assert refused.status_code == 409 and "changed after this draft was started" in refused.text
    assert row_counts(app) == before


def test_restoring_while_a_draft_is_open_is_a_conflict(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    slug = place_in(app, "bac-ninh").slug
    login_as("curator")
    client.post(f"/curate/places/{slug}/unpublish", data={"confirm": "1"})
    client.post(f"/curate/places/{slug}/edit", data=form_of(app, slug, commune="Xã mới"))
    before = row_counts(app)
    response = client.post(f"/en/curate/places/{slug}/history/1/restore")
    assert response.status_code == 409 and "A draft of this place was started" in response.text
    assert row_counts(app) == before


def test_festival_links_and_tags_are_published_with_the_place(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    from tourroute.models import Festival

    with app.app_context():
        festival = db.session.scalar(select(Festival).order_by(Festival.slug))
        festival_slug = festival.slug
    login_as("curator")
    form = new_place_form(app, tags=["quan-ho", "craft"], festivals=[festival_slug])
    draft_id = draft_id_from(client.post("/curate/places/new", data=form))
    client.post(f"/curate/drafts/{draft_id}/submit", data={"version": 1})
    login_as("curator2")
    client.post(
        f"/curate/drafts/{draft_id}/review",
        data={"decision": "approve", "version": draft_version(app, draft_id)},
    )
    with app.app_context():
        place = db.session.scalar(select(Place).where(Place.slug == "dinh-thu-nghiem-moi"))
        assert place.tag_names == ("craft", "quan-ho")
        festival = db.session.scalar(select(Festival).where(Festival.slug == festival_slug))
        assert place in festival.places


def test_map_picker_check_answers_json_in_the_users_language(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    anchor = place_in(app, "bac-ninh")
    login_as("curator")
    swapped = client.post(
        "/en/curate/places/check",
        data={"lat": repr(anchor.lon), "lon": repr(anchor.lat), "name_vi": "X"},
    )
    assert swapped.status_code == 200
    assert swapped.json["errors"][0]["message"].startswith("Latitude and longitude look swapped")
    inside = client.post("/curate/places/check", data={"lat": anchor.lat, "lon": anchor.lon})
    assert inside.json["errors"] == []


def test_the_database_refuses_a_second_open_draft_even_in_a_race(
    app: Flask, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tourroute.models import User
    from tourroute.services import curation

    slug = place_in(app, "bac-ninh").slug
    with app.app_context():
        place = db.session.scalar(select(Place).where(Place.slug == slug))
        first = db.session.get(User, people["curator"])
        second = db.session.get(User, people["curator2"])
        fields = place_fields(place)
        curation.save_draft(
            first, fields, province="bac-ninh", locale="en", place=place, base_version=place.version
        )
        db.session.commit()
        # Both curators passed the "is there an open draft?" check at the same instant.
        monkeypatch.setattr(curation, "open_draft_for_place", lambda _place: None)
        with pytest.raises(curation.EditConflict):
            curation.save_draft(
                second,
                fields,
                province="bac-ninh",
                locale="en",
                place=place,
                base_version=place.version,
            )
        assert len(db.session.scalars(select(PlaceDraft)).all()) == 1

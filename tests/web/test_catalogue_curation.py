"""Themes, stages and festivals curated like places: each province owns its stage of the joint
journey, a theme-wide change is an admin's, and the planner reads what was published."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.web.conftest import row_counts
from tourroute.extensions import db
from tourroute.models import AuditLog, CatalogueDraft, CatalogueRevision, Festival, ThemeStage
from tourroute.services import catalogue, catalogue_curation
from tourroute.services.planning import themes_by_slug

JOINT = "dat-to-tra-xanh-quan-ho"
STAGE_URL = f"/en/curate/themes/{JOINT}/stages/{{stage}}/edit"


def stage_form(app: Flask, stage: str, **changes: str) -> dict[str, object]:
    with app.app_context():
        item = catalogue_curation.find("stage", f"{JOINT}.{stage}")
        assert item is not None
        fields: dict[str, object] = dict(catalogue_curation.published_fields(item))
    fields["kinds"] = str(fields["kinds"]).split()
    fields["tags"] = str(fields["tags"]).split()
    fields.update(changes)
    return fields


def _draft_id(response) -> int:  # type: ignore[no-untyped-def]
    match = re.search(r"/curate/catalogue-drafts/(\d+)$", response.headers["Location"])
    assert match, response.headers.get("Location")
    return int(match.group(1))


def _version(app: Flask, draft_id: int) -> str:
    with app.app_context():
        return str(db.session.get(CatalogueDraft, draft_id).version)


@pytest.mark.parametrize(
    ("who", "stage", "allowed"),
    [
        ("pt_curator", "dat-to", True),
        ("pt_curator", "quan-ho", False),
        ("pt_curator", "tra-xanh", False),
        ("curator", "quan-ho", True),
        ("curator", "dat-to", False),
        ("admin", "tra-xanh", True),
        ("agency", "quan-ho", False),
    ],
)
def test_each_province_edits_only_its_own_stage(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[[str], None],
    who: str,
    stage: str,
    allowed: bool,
) -> None:
    login_as(who)
    before = row_counts(app)
    page = client.get(STAGE_URL.format(stage=stage))
    posted = client.post(STAGE_URL.format(stage=stage), data=stage_form(app, stage, min_places="2"))
    if allowed:
        assert page.status_code == 200 and posted.status_code == 302, posted.text
    else:
        assert page.status_code == posted.status_code == 403
        assert "another province" in posted.text or "role" in posted.text
        assert row_counts(app) == before
        with app.app_context():
            assert db.session.scalar(select(CatalogueDraft)) is None


def test_a_theme_wide_change_needs_an_admin(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("curator")
    refused = client.get(f"/en/curate/themes/{JOINT}/edit")
    assert refused.status_code == 403 and "only an administrator" in refused.text
    assert f"/curate/themes/{JOINT}/edit" not in client.get("/en/curate/themes").text
    assert f"/curate/themes/{JOINT}/stages/quan-ho/edit" in client.get("/en/curate/themes").text
    login_as("admin")
    form = {"name_vi": "Đất Tổ – Trà xanh – Quan họ", "name_en": "New name", "ordered": "1"}
    saved = client.post(f"/en/curate/themes/{JOINT}/edit", data=form)
    assert saved.status_code == 302
    draft_id = _draft_id(saved)
    client.post(
        f"/en/curate/catalogue-drafts/{draft_id}/submit",
        data={"draft_version": _version(app, draft_id)},
    )
    login_as("curator")  # a curator cannot review a theme-wide change either
    review = client.post(
        f"/en/curate/catalogue-drafts/{draft_id}/review",
        data={"decision": "approve", "draft_version": _version(app, draft_id)},
    )
    assert review.status_code == 403


def test_stage_change_reviewed_by_its_province_then_planned(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("curator")
    saved = client.post(
        STAGE_URL.format(stage="quan-ho"),
        data=stage_form(app, "quan-ho", name_en="Quan họ love duets", min_places="2"),
    )
    draft_id = _draft_id(saved)
    page = client.get(f"/en/curate/catalogue-drafts/{draft_id}").text
    assert "Places at least" in page and "Name in English" in page
    assert "Kinds of place" not in page, "an unchanged field is no change"
    client.post(
        f"/en/curate/catalogue-drafts/{draft_id}/submit",
        data={"draft_version": _version(app, draft_id)},
    )
    for other in ("curator", "pt_curator"):  # the author, and another province's curator
        login_as(other)
        refused = client.post(
            f"/en/curate/catalogue-drafts/{draft_id}/review",
            data={"decision": "approve", "draft_version": _version(app, draft_id)},
        )
        assert refused.status_code == 403, other
    login_as("curator2")
    approved = client.post(
        f"/en/curate/catalogue-drafts/{draft_id}/review",
        data={"decision": "approve", "draft_version": _version(app, draft_id)},
    )
    assert approved.status_code == 302, approved.text
    with app.app_context():
        stage = themes_by_slug()[JOINT].stages[2]  # what the planner reads, no restart
        assert (stage.key, stage.name_en, stage.min_places) == ("quan-ho", "Quan họ love duets", 2)
        revisions = db.session.scalars(
            select(CatalogueRevision).order_by(CatalogueRevision.number)
        ).all()
        assert [r.action for r in revisions] == ["baseline", "publish"]
        assert set(revisions[1].changes) == {"name_en", "min_places"}
        assert db.session.scalar(select(AuditLog).where(AuditLog.action == "catalogue.approve"))
    api = client.get("/api/v1/themes?lang=en").get_json()
    assert "Quan họ love duets" in str(api)
    history = client.get(f"/en/curate/history/stage/{JOINT}.quan-ho").text
    assert "Quan họ singing → Quan họ love duets" in history
    assert f"/curate/history/stage/{JOINT}.quan-ho/1/restore" in history
    restored = client.post(f"/en/curate/history/stage/{JOINT}.quan-ho/1/restore")
    assert restored.status_code == 302
    with app.app_context():
        draft = db.session.get(CatalogueDraft, _draft_id(restored))
        assert draft.fields["name_en"] == "Quan họ singing" and draft.status == "draft"


def test_festival_belongs_to_the_province_of_its_places(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    with app.app_context():
        festival = db.session.scalar(
            select(Festival).where(Festival.places.any()).order_by(Festival.slug)
        )
        slug, province = festival.slug, festival.places[0].province_code
        fields = catalogue_curation.published_fields(catalogue_curation.find("festival", slug))
    own = {"bac-ninh": "curator", "phu-tho": "pt_curator"}.get(province)
    other = "pt_curator" if own == "curator" else "curator"
    login_as(other)
    assert client.get(f"/en/curate/festivals/{slug}/edit").status_code == 403
    if own:
        login_as(own)
        bad = client.post(f"/en/curate/festivals/{slug}/edit", data={**fields, "month": "13"})
        assert bad.status_code == 400 and "from 1 to 12" in bad.text
        good = client.post(
            f"/en/curate/festivals/{slug}/edit", data={**fields, "duration_days": "2"}
        )
        assert good.status_code == 302


def test_invalid_stage_codes_are_refused_and_nothing_saved(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("curator")
    response = client.post(
        STAGE_URL.format(stage="quan-ho"), data=stage_form(app, "quan-ho", kinds="castle")
    )
    assert response.status_code == 400 and "castle" in response.text
    with app.app_context():
        assert db.session.scalar(select(CatalogueDraft)) is None
        assert db.session.scalar(select(ThemeStage.kinds).where(ThemeStage.key == "quan-ho"))


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_text_in_the_catalogue_forms_is_escaped(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("curator")
    saved = client.post(
        STAGE_URL.format(stage="quan-ho"), data=stage_form(app, "quan-ho", name_en=HOSTILE)
    )
    draft_id = _draft_id(saved)
    for url in (f"/en/curate/catalogue-drafts/{draft_id}", STAGE_URL.format(stage="quan-ho")):
        text = client.get(url).text
        assert HOSTILE not in text and "<img src=x" not in text
        assert "&lt;script&gt;" in text
    refused = client.post(
        STAGE_URL.format(stage="quan-ho"),
        data=stage_form(app, "quan-ho", name_en=HOSTILE, min_places="x"),
    )
    assert refused.status_code in (400, 409) and "<img src=x" not in refused.text


def test_data_version_moves_with_each_publication(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    with app.app_context():
        version = catalogue.data_version()
    login_as("curator")
    draft_id = _draft_id(
        client.post(
            STAGE_URL.format(stage="quan-ho"), data=stage_form(app, "quan-ho", min_places="3")
        )
    )
    client.post(
        f"/en/curate/catalogue-drafts/{draft_id}/submit",
        data={"draft_version": _version(app, draft_id)},
    )
    with app.app_context():
        assert catalogue.data_version() == version, "a draft changes nothing published"
    login_as("curator2")
    client.post(
        f"/en/curate/catalogue-drafts/{draft_id}/review",
        data={"decision": "approve", "draft_version": _version(app, draft_id)},
    )
    with app.app_context():
        assert catalogue.data_version() != version, "caches keyed on it see the new stage"

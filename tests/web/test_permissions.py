"""The permission matrix: every role against every protected route, from ONE table.

``ROUTES`` lists each protected request once with the roles that may make it; the cases are
generated from it for anonymous visitors, admins, a Bắc Ninh curator (on a Bắc Ninh target:
own province; on a Phú Thọ target: other province) and an agency. The expectations here are
written out by hand, not read from the policy, so a wrong policy fails the test.

A second test fails when the app registers a route that neither ``ROUTES`` nor ``PUBLIC``
covers, so a new route cannot slip in unchecked.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from PIL import Image
from sqlalchemy import select

from tests.conftest import DATA_DIR, _make_app, save_one_day_trip
from tests.web.conftest import add_people, row_counts, sign_in
from tourroute.extensions import db
from tourroute.models import Place, PlaceDraft, User
from tourroute.services import accounts, api_tokens, catalogue_curation, curation, packages, photos
from tourroute.web.access import ROUTE_ACTIONS

ROLES = ("anonymous", "admin", "curator", "agency")
CURATORS = frozenset({"admin", "curator"})
SIGNED_IN = frozenset({"admin", "curator", "agency"})
ADMIN = frozenset({"admin"})
#: ``package.manage``: an agency on its own packages, and admins.
PACKAGES = frozenset({"admin", "agency"})
AGENCY = frozenset({"agency"})
VISITORS = frozenset({"anonymous"})
EVERYONE = frozenset(ROLES)


@dataclass(frozen=True)
class Route:
    endpoint: str
    method: str
    #: URL with ``{place}``/``{draft}``/``{user}`` filled from the target province's fixtures.
    url: str
    #: Roles allowed when the target is in the curator's own province ("own") …
    allowed: frozenset[str]
    #: … and in another province ("other"); None when the route has no province target.
    allowed_other: frozenset[str] | None = None
    data: tuple[tuple[str, str], ...] = ()


def _tiny_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format="PNG")
    return out.getvalue()


def _csv_upload() -> dict[str, object]:
    header = "slug,name_vi,name_en,kind,tags,province,lat,lon,precision,coord_source,commune,"
    header += "visit_min,visit_source,opening_hours,hours_source,ticket_adult_vnd,"
    header += "ticket_child_vnd,ticket_source,heritage,heritage_source,interest,"
    header += "description_vi,description_en\n"
    return {"file": (io.BytesIO(header.encode()), "places.csv")}


JOINT = "dat-to-tra-xanh-quan-ho"
STAGE_EDIT = f"/curate/themes/{JOINT}/stages/{{stage}}/edit"
#: The joint theme's stage each target province owns.
STAGES = {"bac-ninh": "quan-ho", "phu-tho": "dat-to"}

ROUTES: tuple[Route, ...] = (
    Route("curation.dashboard", "GET", "/curate/", CURATORS),
    Route("curation.places", "GET", "/curate/places", CURATORS),
    Route("curation.new_place", "GET", "/curate/places/new", CURATORS),
    Route(
        "curation.new_place",
        "POST",
        "/curate/places/new",
        CURATORS,
        ADMIN,
        data=(("slug", "x"), ("province", "{province}")),
    ),
    Route("curation.edit_place", "GET", "/curate/places/{place}/edit", CURATORS, ADMIN),
    Route("curation.edit_place", "POST", "/curate/places/{place}/edit", CURATORS, ADMIN),
    Route("curation.draft", "GET", "/curate/drafts/{draft}", CURATORS, ADMIN),
    Route("curation.submit_draft", "POST", "/curate/drafts/{draft}/submit", CURATORS, ADMIN),
    Route(
        "curation.review_draft",
        "POST",
        "/curate/drafts/{draft}/review",
        CURATORS,
        ADMIN,
        data=(("decision", "reject"), ("comment", "no"), ("version", "1")),
    ),
    Route("curation.history", "GET", "/curate/places/{place}/history", CURATORS, ADMIN),
    Route("curation.revision", "GET", "/curate/places/{place}/history/1", CURATORS, ADMIN),
    Route(
        "curation.restore_revision",
        "POST",
        "/curate/places/{place}/history/1/restore",
        CURATORS,
        ADMIN,
    ),
    Route(
        "curation.unpublish",
        "POST",
        "/curate/places/{place}/unpublish",
        CURATORS,
        ADMIN,
        data=(("confirm", "1"),),
    ),
    Route("curation.republish", "POST", "/curate/places/{place}/republish", CURATORS, ADMIN),
    Route(
        "curation.check_point",
        "POST",
        "/curate/places/check",
        CURATORS,
        ADMIN,
        data=(("province", "{province}"), ("lat", "21.2"), ("lon", "106.1")),
    ),
    Route("curation.import_places", "GET", "/curate/import", CURATORS),
    Route("curate_data.report", "GET", "/curate/data", CURATORS),
    Route("curation.import_template", "GET", "/curate/import/template.csv", CURATORS),
    Route("curation.import_places", "POST", "/curate/import", CURATORS, ADMIN),
    Route("catalogue.themes", "GET", "/curate/themes", CURATORS),
    Route("catalogue.festivals", "GET", "/curate/festivals", CURATORS),
    Route("catalogue.edit_theme", "GET", f"/curate/themes/{JOINT}/edit", ADMIN),
    Route(
        "catalogue.edit_theme",
        "POST",
        f"/curate/themes/{JOINT}/edit",
        ADMIN,
        data=(("name_vi", "T"), ("name_en", "T")),
    ),
    Route("catalogue.edit_stage", "GET", STAGE_EDIT, CURATORS, ADMIN),
    Route(
        "catalogue.edit_stage",
        "POST",
        STAGE_EDIT,
        CURATORS,
        ADMIN,
        data=(("name_vi", "S"), ("name_en", "S"), ("min_places", "1")),
    ),
    Route("catalogue.edit_festival", "GET", "/curate/festivals/{festival}/edit", CURATORS, ADMIN),
    Route(
        "catalogue.edit_festival",
        "POST",
        "/curate/festivals/{festival}/edit",
        CURATORS,
        ADMIN,
        data=(("name_vi", "F"), ("name_en", "F"), ("calendar", "lunar"), ("month", "1")),
    ),
    # The joint theme is shared: every curator may read its drafts and history.
    Route("catalogue.draft", "GET", "/curate/catalogue-drafts/{cdraft}", CURATORS, CURATORS),
    Route(
        "catalogue.submit_draft",
        "POST",
        "/curate/catalogue-drafts/{cdraft}/submit",
        CURATORS,
        ADMIN,
    ),
    Route(
        "catalogue.review_draft",
        "POST",
        "/curate/catalogue-drafts/{cdraft}/review",
        CURATORS,
        ADMIN,
        data=(("decision", "reject"), ("comment", "no"), ("draft_version", "2")),
    ),
    Route(
        "catalogue.history", "GET", f"/curate/history/stage/{JOINT}.{{stage}}", CURATORS, CURATORS
    ),
    Route("photos.manage", "GET", "/curate/places/{place}/photos", CURATORS, ADMIN),
    Route(
        "photos.manage",
        "POST",
        "/curate/places/{place}/photos",
        CURATORS,
        ADMIN,
        data=(("credit", "C"), ("licence", "CC0 1.0")),
    ),
    Route("photos.delete", "POST", "/curate/photos/{photo}/delete", CURATORS, ADMIN),
    Route(
        "catalogue.restore_revision",
        "POST",
        f"/curate/history/stage/{JOINT}.{{stage}}/1/restore",
        CURATORS,
        ADMIN,
    ),
    Route("insights.overview", "GET", "/insights/", CURATORS),
    Route("insights.table_csv", "GET", "/insights/places.csv", CURATORS),
    Route("admin.users", "GET", "/admin/users", ADMIN),
    Route("admin.create_user", "POST", "/admin/users", ADMIN, data=(("email", "n@x.org"),)),
    Route("admin.update_user", "POST", "/admin/users/{user}", ADMIN, data=(("role", "agency"),)),
    Route("admin.audit_log", "GET", "/admin/audit", ADMIN),
    Route("admin.agencies", "GET", "/admin/agencies", ADMIN),
    Route("admin.decide_agency", "GET", "/admin/agencies/{pending}/approve", ADMIN),
    Route("admin.decide_agency", "POST", "/admin/agencies/{pending}/refuse", ADMIN),
    Route("admin.reset_link", "POST", "/admin/users/{user}/reset-link", ADMIN),
    Route("agency.signup", "GET", "/agency/signup", VISITORS),
    Route(
        "agency.signup",
        "POST",
        "/agency/signup",
        VISITORS,
        data=(("email", "a@b.org"), ("agency_name", "A"), ("password", "long enough password")),
    ),
    Route("agency.dashboard", "GET", "/agency/", PACKAGES),
    Route("agency.package_from_trip", "POST", "/agency/packages/from-trip/{trip}", PACKAGES),
    Route("agency.package", "GET", "/agency/packages/{package}", PACKAGES),
    Route(
        "agency.update_package",
        "POST",
        "/agency/packages/{package}",
        PACKAGES,
        data=(("title", "T"), ("adults", "2"), ("children", "0"), ("lang", "en")),
    ),
    Route(
        "agency.edit_stops",
        "POST",
        "/agency/packages/{package}/stops",
        PACKAGES,
        data=(("days", "1"), ("day-1", "bao-tang-hung-vuong")),
    ),
    Route(
        "agency.edit_stop",
        "POST",
        "/agency/packages/{package}/stops/edit",
        PACKAGES,
        data=(("action", "add_day"),),
    ),
    Route(
        "agency.update_day_times",
        "POST",
        "/agency/packages/{package}/day-times",
        PACKAGES,
        data=(("day_start", "08:00"), ("day_end", "19:00")),
    ),
    # The client accepts through the share link: its secret token is the right, so every role
    # (a visitor above all) may.
    Route(
        "shared.accept",
        "POST",
        "/p/{share}/accept",
        EVERYONE,
        data=(("name", "Nguyễn Văn A"), ("date", "2026-04-01"), ("note", "")),
    ),
    Route("agency.clone_package", "POST", "/agency/packages/{package}/clone", PACKAGES),
    Route("agency.archive_package", "POST", "/agency/packages/{package}/archive", PACKAGES),
    Route("agency.share_package", "POST", "/agency/packages/{package}/share", PACKAGES),
    Route("agency.unshare_package", "POST", "/agency/packages/{package}/unshare", PACKAGES),
    Route("agency.export_package", "GET", "/agency/packages/{package}/export/csv", PACKAGES),
    Route("agency.settings", "GET", "/agency/settings", AGENCY),
    Route(
        "agency.update_branding",
        "POST",
        "/agency/settings/branding",
        AGENCY,
        data=(("agency_name", "A"), ("accent_hex", "#000000")),
    ),
    Route(
        "agency.update_rates", "POST", "/agency/settings/rates", AGENCY, data=(("margin_pct", "5"),)
    ),
    Route(
        "agency.create_token",
        "POST",
        "/agency/settings/tokens",
        AGENCY,
        data=(("token_name", "n"),),
    ),
    Route("agency.revoke_token", "POST", "/agency/settings/tokens/{token}/revoke", AGENCY),
    Route("auth.password", "GET", "/account/password", SIGNED_IN),
    Route("auth.password", "POST", "/account/password", SIGNED_IN),
    Route("auth.logout", "POST", "/logout", SIGNED_IN),
    # Planning needs no account: every role reaches the builder and the trip pages (an unknown
    # trip is a 404, not a refusal).
    Route("trips.plan", "GET", "/plan", EVERYONE),
    Route("trips.plan", "POST", "/plan", EVERYONE, data=(("days", "9"),)),
    Route("trips.trip", "GET", "/trips/unknown", EVERYONE),
    Route(
        "trips.replan",
        "POST",
        "/trips/unknown/replan",
        EVERYONE,
        data=(("action", "lock"), ("slug", "den-hung"), ("day", "0")),
    ),
    Route(
        "trips.replan_scenario",
        "POST",
        "/trips/unknown/scenario",
        EVERYONE,
        data=(("scenario", "ring-road-5-complete"),),
    ),
    Route(
        "trips.edit",
        "POST",
        "/trips/unknown/edit",
        EVERYONE,
        data=(("action", "remove"), ("slug", "den-hung"), ("day", "0")),
    ),
)

#: Routes every visitor may use; they are outside the matrix but inside the coverage check.
PUBLIC = frozenset(
    {
        "static",
        "pages.home",
        "pages.places",
        "pages.place",
        "auth.login",
        # a one-time reset link an admin handed over: its secret token is the permission
        "auth.reset_password",
        # maps and API work (other branches): reading and planning need no account
        "assets.asset",
        "maps.catalogue_map",
        "search.search",
        "api_docs.docs",
        "api.provinces",
        "api.themes",
        "api.places",
        "api.place",
        "api.festival_dates",
        "api.travel_time",
        "api.openapi_json",
        "api.itinerary",
        "api.itinerary_export",
        "api.create_itinerary",
        "api.replan_itinerary",
        # the read-only link of a shared package: its unguessable token is the permission
        "shared.package",
        # the travellers' festival calendar, page and feed
        "festivals.calendar",
        "festivals.calendar_ics",
        "trips.my_trips",
        "offline.manifest",
        "offline.service_worker",
        # probes and metrics (web/ops.py): the load balancer and the scraper have no account
        "ops.healthz",
        "ops.readyz",
        "ops.prometheus_metrics",
        # a photo file of a published place (of an unpublished one: a 404 for visitors)
        "photos.image",
    }
)


def _cases() -> Iterator[object]:
    for route in ROUTES:
        targets = ("own",) if route.allowed_other is None else ("own", "other")
        for target in targets:
            allowed = route.allowed if target == "own" else route.allowed_other
            assert allowed is not None
            for role in ROLES:
                yield pytest.param(
                    route,
                    target,
                    role,
                    role in allowed,
                    id=f"{route.method} {route.endpoint} {target} {role}",
                )


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """One seeded SQLite file with people, drafts and revisions, copied for every case."""
    path = tmp_path_factory.mktemp("matrix") / "template.sqlite"
    app = _make_app(f"sqlite:///{path}")
    with app.app_context():
        from flask_migrate import upgrade

        from tourroute.services.seed import seed_database

        upgrade()
        seed_database(DATA_DIR)
        db.session.commit()
    ids = add_people(app)
    targets: dict[str, object] = {}
    with app.app_context():
        users = {name: db.session.get(User, uid) for name, uid in ids.items()}
        for key, province, author in (
            ("own", "bac-ninh", "curator2"),
            ("other", "phu-tho", "admin"),
        ):
            place = db.session.scalar(
                select(Place).where(Place.province_code == province).order_by(Place.slug)
            )
            curation.unpublish_place(users["admin"], place)
            curation.republish_place(users["admin"], place)
            second = db.session.scalars(
                select(Place).where(Place.province_code == province).order_by(Place.slug)
            ).all()[1]
            draft = curation.save_draft(
                users[author],
                curation.place_fields(second),
                province=province,
                locale="en",
                place=second,
                base_version=second.version,
            )
            curation.submit_draft(users[author], draft, version=draft.version)
            stage = catalogue_curation.find("stage", f"{JOINT}.{STAGES[province]}")
            assert stage is not None and stage.province == province
            stage_draft = catalogue_curation.save_draft(
                users[author],
                stage,
                catalogue_curation.published_fields(stage),
                draft=None,
                draft_version=None,
            )
            catalogue_curation.submit_draft(users[author], stage_draft, version=stage_draft.version)
            photo = photos.add_photo(
                users["admin"], place, _tiny_png(), credit="C", licence="CC0 1.0"
            )
            festival = next(f for f in catalogue_curation.festivals() if f.province == province)
            db.session.flush()
            targets[key] = {
                "place": place.slug,
                "draft": draft.id,
                "province": province,
                "fields": curation.place_fields(place),
                "stage": STAGES[province],
                "festival": festival.key,
                "cdraft": stage_draft.id,
                "photo": photo.id,
                "version": place.version,
            }
        targets["user"] = ids["agency"]
        targets["people"] = ids
        targets["trip"] = save_one_day_trip()
        package = packages.create_from_trip(users["agency"], str(targets["trip"]), lang="vi")
        assert package is not None
        targets["package"] = package.id
        targets["share"] = packages.share_package(users["agency"], package)
        pending = accounts.request_agency_account(
            "pending@agency.example",
            "a long enough password",
            agency_name="Pending",
            phone="0210 3846 123",
            licence_number="25-001/2025",
        )
        targets["pending"] = pending.id
        targets["token_row"] = api_tokens.create_token(users["agency"], "matrix")[0].id
        db.session.commit()
        db.engine.dispose()
    return path, targets


@pytest.mark.parametrize(("route", "target", "role", "expected"), list(_cases()))
def test_permission_matrix(
    template_db: tuple[Path, dict[str, object]],
    tmp_path: Path,
    route: Route,
    target: str,
    role: str,
    expected: bool,
) -> None:
    source, targets = template_db
    path = tmp_path / "case.sqlite"
    shutil.copy(source, path)
    app: Flask = _make_app(f"sqlite:///{path}")
    info = targets[target]
    assert isinstance(info, dict)
    people = targets["people"]
    assert isinstance(people, dict)
    url = route.url.format(
        place=info["place"],
        draft=info["draft"],
        stage=info["stage"],
        festival=info["festival"],
        cdraft=info["cdraft"],
        photo=info["photo"],
        user=targets["user"],
        trip=targets["trip"],
        package=targets["package"],
        token=targets["token_row"],
        share=targets["share"],
        pending=targets["pending"],
    )
    client = app.test_client()
    if role != "anonymous":
        sign_in(app, client, people[role])
    data: dict[str, object] = {k: v.format(province=info["province"]) for k, v in route.data}
    if route.endpoint == "curation.edit_place" and route.method == "POST":
        data = {**info["fields"], "base_version": str(info["version"])}
    if route.endpoint == "curation.import_places" and route.method == "POST":
        data = {**_csv_upload(), "province": info["province"]}
    before = row_counts(app)

    response = client.open(url, method=route.method, data=data)

    to_login = response.status_code == 302 and "/login" in response.headers["Location"]
    if expected:
        assert response.status_code not in (401, 403) and not to_login, response.status_code
        assert response.status_code < 500
    elif role == "anonymous":
        assert to_login, f"anonymous got {response.status_code}, not a redirect to log in"
        assert "next=" in response.headers["Location"]
    else:
        assert response.status_code == 403
    if not expected:
        assert row_counts(app) == before, "a refused request wrote nothing"
    with app.app_context():
        db.engine.dispose()


@dataclass(frozen=True)
class TokenRoute:
    """A route of the agencies' API, which only a bearer token opens (never the session)."""

    endpoint: str
    method: str
    url: str
    #: Whether another agency's token is refused (403): the route names one package.
    owned: bool = True
    json: object = None


TOKEN_ROUTES: tuple[TokenRoute, ...] = (
    TokenRoute("agency_api.list_packages", "GET", "/api/v1/agency/packages", owned=False),
    TokenRoute(
        "agency_api.create_package",
        "POST",
        "/api/v1/agency/packages",
        owned=False,
        json={"itinerary_id": "{trip}"},
    ),
    TokenRoute("agency_api.get_package", "GET", "/api/v1/agency/packages/{package}"),
    TokenRoute(
        "agency_api.update_package",
        "PATCH",
        "/api/v1/agency/packages/{package}",
        json={"title": "T"},
    ),
    TokenRoute("agency_api.clone_package", "POST", "/api/v1/agency/packages/{package}/clone"),
    TokenRoute("agency_api.archive_package", "DELETE", "/api/v1/agency/packages/{package}"),
    TokenRoute(
        "agency_api.export_package", "GET", "/api/v1/agency/packages/{package}/export/geojson"
    ),
)


@pytest.mark.parametrize("who", ["nobody", "session", "owner", "other", "revoked"])
@pytest.mark.parametrize("route", TOKEN_ROUTES, ids=lambda r: f"{r.method} {r.endpoint}")
def test_agency_api_matrix(
    template_db: tuple[Path, dict[str, object]],
    tmp_path: Path,
    route: TokenRoute,
    who: str,
) -> None:
    source, targets = template_db
    path = tmp_path / "case.sqlite"
    shutil.copy(source, path)
    app: Flask = _make_app(f"sqlite:///{path}")
    people = targets["people"]
    assert isinstance(people, dict)
    client = app.test_client()
    headers: dict[str, str] = {}
    with app.app_context():
        owner = db.session.get(User, people["agency"])
        other = db.session.get(User, people["agency2"])
        if who in ("owner", "revoked"):
            row, token = api_tokens.create_token(owner, "case")
            headers["Authorization"] = f"Bearer {token}"
            if who == "revoked":
                api_tokens.revoke_token(owner, row.id)
        elif who == "other":
            headers["Authorization"] = f"Bearer {api_tokens.create_token(other, 'case')[1]}"
        db.session.commit()
    if who == "session":  # a signed-in agency without a token: the cookie opens nothing here
        sign_in(app, client, people["agency"])
    url = route.url.format(package=targets["package"])
    body = route.json
    if isinstance(body, dict):
        body = {k: str(v).format(trip=targets["trip"]) for k, v in body.items()}
    before = row_counts(app)

    response = client.open(url, method=route.method, json=body, headers=headers)

    if who == "owner" or (who == "other" and not route.owned):
        assert response.status_code < 400, response.get_data(as_text=True)
    elif who == "other":
        assert response.status_code == 403
        assert response.mimetype == "application/problem+json"
    else:
        assert response.status_code == 401
        assert response.mimetype == "application/problem+json"
        assert response.headers["WWW-Authenticate"].lower().startswith("bearer")
    if response.status_code >= 400:
        assert row_counts(app) == before, "a refused request wrote nothing"
    with app.app_context():
        db.engine.dispose()


def test_every_route_is_in_the_matrix_or_public(app: Flask) -> None:
    registered = {rule.endpoint for rule in app.url_map.iter_rules()}
    in_matrix = {route.endpoint for route in ROUTES} | {r.endpoint for r in TOKEN_ROUTES}
    assert registered - in_matrix - PUBLIC == set(), "add new routes to ROUTES or PUBLIC"
    assert registered <= set(ROUTE_ACTIONS), "every route needs an action in ROUTE_ACTIONS"
    assert not in_matrix & PUBLIC


def test_api_style_requests_get_401_not_a_redirect(app: Flask) -> None:
    response = app.test_client().get("/curate/", headers={"Accept": "application/json"})
    assert response.status_code == 401 and response.json == {"error": "login required"}


def test_a_route_missing_from_the_table_is_refused(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(ROUTE_ACTIONS, "pages.places")
    assert app.test_client().get("/places").status_code == 403


def test_drafts_of_another_province_stay_hidden(
    template_db: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    source, targets = template_db
    path = tmp_path / "case.sqlite"
    shutil.copy(source, path)
    app = _make_app(f"sqlite:///{path}")
    people = targets["people"]
    assert isinstance(people, dict)
    client = app.test_client()
    sign_in(app, client, people["curator"])
    page = client.get("/en/curate/").text
    with app.app_context():
        phu_tho = db.session.scalar(select(PlaceDraft).where(PlaceDraft.province_code == "phu-tho"))
        bac_ninh = db.session.scalar(
            select(PlaceDraft).where(PlaceDraft.province_code == "bac-ninh")
        )
        assert phu_tho is not None and bac_ninh is not None
        assert f"/curate/drafts/{phu_tho.id}" not in page
        assert f"/curate/drafts/{bac_ninh.id}" in page
        db.engine.dispose()

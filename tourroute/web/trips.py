"""The trip builder (``/plan``) and the trip page (``/trips/<id>``) with its re-plan buttons.

Every plan is saved under a new id, so a trip's URL always shows the same trip; re-planning
(lock, remove or move a stop) starts from the stored request and makes a new trip.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from tourroute import i18n, jobs, labels, mapview
from tourroute.core import costs as costs_core
from tourroute.core import navigation
from tourroute.core.domain import Itinerary, LockedStop, TripRequest, hhmm
from tourroute.core.errors import (
    InfeasibleError,
    InvalidRequestError,
    TourRouteError,
    UnknownPlaceError,
)
from tourroute.core.network import TRIP_SCENARIOS
from tourroute.core.planner.fixed_order import RefusedEditError
from tourroute.core.planner.replan import Edits
from tourroute.core.programme import itinerary_programme
from tourroute.core.reasons import (
    change_label,
    change_text,
    left_out_text,
    night_reason,
    note_text,
    refusal_text,
)
from tourroute.core.trip_edits import ACTIONS, apply_edit, edit_units
from tourroute.core.words import words
from tourroute.services import (
    catalogue,
    geography,
    retiming,
    scenarios,
    traveller_costs,
    trip_exports,
    trips,
)
from tourroute.services.search import search_places
from tourroute.services.travel import published_places
from tourroute.web import current_locale
from tourroute.web.agency import money_formatter
from tourroute.web.caching import cached
from tourroute.web.inputs import Query, Whole, parse_query
from tourroute.web.loaders import trip_or_404
from tourroute.web.maps import embed, tiles
from tourroute.web.package_editor import refusals
from tourroute.web.trip_form import DAYS_MESSAGE, PlanForm, make_plan_form, prefill, split_names

bp = Blueprint("trips", __name__)

ENDPOINT_KINDS = ("gateway", "lodging")

#: The planner names the request field at fault; this is the form field it belongs next to.
FORM_FIELD = {
    "day_start_min": "day_start",
    "day_end_min": "day_start",
    "locked": "include",
    "slug": "include",
}

#: What to say, in the page's language, for the planner's complaints (its own are English).
INVALID_FIELD_MESSAGES = {
    "days": DAYS_MESSAGE,
    "day_start": _l("The day must start early enough to visit something before 18:00."),
    "include": _l("Only places to visit can be kept in a trip, not gateways or overnight areas."),
    "exclude": _l("A place cannot be both kept and left out."),
}
PLANNER_MESSAGES = {
    UnknownPlaceError: _l("There is no such place in the catalogue."),
    InfeasibleError: _l(
        "No plan can fit this. Try fewer must-include places, more days or a faster pace."
    ),
}
GENERIC_PLANNER_MESSAGE = _l("This cannot be planned as asked; change it and try again.")


def planner_message(error: TourRouteError, *, field: str) -> str:
    """The planner's complaint about ``field`` in the page's language."""
    if isinstance(error, InfeasibleError):
        named = refusal_text(error, words(current_locale()))
        if named is not None:
            return named
    if isinstance(error, InvalidRequestError) and field in INVALID_FIELD_MESSAGES:
        return str(INVALID_FIELD_MESSAGES[field])
    return str(PLANNER_MESSAGES.get(type(error), GENERIC_PLANNER_MESSAGE))


def _form() -> PlanForm:
    lang = current_locale()
    places = published_places()
    order = {kind: n for n, kind in enumerate(ENDPOINT_KINDS)}
    ranked = sorted(places, key=lambda p: (order.get(p.kind, len(order)), p.name(lang)))
    places_label = _("Places to visit")
    endpoints = [
        SelectChoice(
            p.slug,
            p.name(lang),
            optgroup=str(labels.KIND_LABELS[p.kind]) if p.kind in order else places_label,
        )
        for p in ranked
    ]
    themes = [SelectChoice(t.slug, i18n.localized(t, "name", lang)[0]) for t in catalogue.themes()]
    form = make_plan_form(themes=themes, endpoints=endpoints)
    if not form.is_submitted():
        form.start.data = "ha-noi"
        prefill(form, request.args)
    return form


def _resolve(text: str, *, field: str, errors: dict[str, list[str]]) -> tuple[str, ...]:
    """Slugs for the names or slugs typed in ``text``; each unknown entry is an error."""
    slugs: list[str] = []
    for entry in split_names(text):
        found = catalogue.get_place(entry)
        if found is not None and found.status == "published":
            slugs.append(found.slug)
            continue
        matches = search_places(entry, limit=1)
        if matches:
            slugs.append(matches[0].slug)
        else:
            errors.setdefault(field, []).append(_("No place matches “%(name)s”.", name=entry))
    return tuple(dict.fromkeys(slugs))


def _request_of(
    form: PlanForm, *, include: tuple[str, ...], exclude: tuple[str, ...]
) -> TripRequest:
    day_start = form.day_start.data
    assert day_start is not None  # InputRequired
    return TripRequest(
        start_date=form.start_date.data,
        days=form.days.data,
        start=form.start.data,
        end=form.end.data or None,
        theme=form.theme.data or None,
        pace=form.pace.data,
        day_start_min=day_start.hour * 60 + day_start.minute,
        favour_kinds=tuple(form.favour_kinds.data or ()),
        include=include,
        exclude=exclude,
        festivals=bool(form.festivals.data),
        scenario=form.scenario.data,
    )


def _plan_and_save(trip_request: TripRequest) -> str:
    from tourroute.services import planning  # the planner loads only when asked to plan

    return jobs.run(planning.plan_and_save, trip_request)


@bp.route("/plan", methods=["GET", "POST"])
def plan() -> str | Response | tuple[str, int]:
    form = _form()
    errors: dict[str, list[str]] = {}
    if form.is_submitted():
        include = _resolve(form.include.data or "", field="include", errors=errors)
        exclude = _resolve(form.exclude.data or "", field="exclude", errors=errors)
        if form.validate() and not errors:
            try:
                trip_id = _plan_and_save(_request_of(form, include=include, exclude=exclude))
            except TourRouteError as error:
                field = FORM_FIELD.get(error.field or "", error.field or "")
                if field not in form:
                    field = "form"
                errors.setdefault(field, []).append(planner_message(error, field=field))
            else:
                return redirect(url_for("trips.trip", trip_id=trip_id), code=303)
    for name, messages in form.errors.items():
        errors.setdefault(str(name), []).extend(str(m) for m in messages)
    page = render_template("plan.html", form=form, errors=errors)
    return (page, 422) if errors else page


class TripPageQuery(Query):
    """How many people the trip page's cost estimate is for."""

    travellers: Annotated[int, Whole(1, traveller_costs.MAX_TRAVELLERS)] = (
        traveller_costs.DEFAULT_TRAVELLERS
    )


def _render_trip(
    saved: trips.SavedTrip,
    *,
    replan_error: str | None = None,
    edit_errors: list[str] | None = None,
) -> str:
    lang = current_locale()
    it = saved.itinerary
    travellers = parse_query(TripPageQuery).travellers
    costs = traveller_costs.traveller_costs(it, travellers=travellers)
    m = mapview.trip_map(
        it, lang=lang, tiles=tiles(), boundaries_geojson=geography.boundaries_feature_collection()
    )
    theme = catalogue.get_theme(it.request.theme) if it.request.theme else None
    return render_template(
        "trip.html",
        trip_id=saved.id,
        it=it,
        programme=itinerary_programme(it),
        stop_count=sum(len(day.stops) for day in it.days),
        theme_name=i18n.localized(theme, "name", lang)[0] if theme else None,
        hhmm=hhmm,
        map=embed(m),
        export_formats=list(trip_exports.FORMATS),
        left_out_text=lambda item: left_out_text(item, words(lang)),
        pace_labels=labels.PACE_LABELS,
        replan_error=replan_error,
        note_text=lambda note: note_text(
            note, words(lang), trip_days=it.request.days, arrive_by_min=_arrive_by()
        ),
        change_label=lambda change: change_label(change, words(lang)),
        change_text=lambda change: change_text(change, words(lang)),
        night_reason=lambda day: night_reason(day, words(lang)),
        edit_errors=edit_errors or [],
        edit_units=edit_units,
        geo_uri=navigation.geo_uri,
        osm_url=navigation.osm_url,
        directions_url=navigation.day_directions_url,
        comparison=scenarios.ring_road_5_comparison(it),
        compared_scenario=scenarios.COMPARED_SCENARIO,
        scenario_labels=labels.SCENARIO_LABELS,
        travellers=travellers,
        max_travellers=traveller_costs.MAX_TRAVELLERS,
        costs=costs,
        cost_lines=[line for line in costs_core.cost_lines(costs, words(lang)) if line[1]],
        money=money_formatter(None, lang),
    )


def _arrive_by() -> int | None:
    from tourroute.services.planning import plan_rules

    return plan_rules().festival_arrive_by_min


@bp.get("/trips")
def my_trips() -> str:
    """The visitor's own list, read from their browser's storage by ``my-trips.js``."""
    return render_template("my_trips.html")


@bp.get("/trips/<trip_id>")
@cached("trip", max_age_s=3600)
def trip(trip_id: str) -> str:
    return _render_trip(trip_or_404(trip_id))


def _edits(action: str, slug: str, day: int) -> Edits:
    """The one edit a trip page form asks for."""
    stop = (LockedStop(slug=slug, day=day),)
    return {
        "remove": Edits(remove=(slug,)),
        "lock": Edits(lock=stop),
        "move": Edits(move=stop),
        "put_back": Edits(put_back=(slug,)),
    }[action]


@bp.post("/trips/<trip_id>/replan")
def replan(trip_id: str) -> Response | tuple[str, int]:
    saved = trip_or_404(trip_id)
    old = saved.itinerary.request
    action = request.form.get("action", "")
    slug = request.form.get("slug", "")
    day_text = request.form.get("day", "0")
    if action not in ("lock", "move", "remove", "put_back") or not slug:
        abort(400)
    if not day_text.isdigit() or not 0 <= int(day_text) < old.days:
        abort(400)
    from tourroute.services import planning  # the planner loads only when asked to plan

    try:
        trip_id = jobs.run(planning.replan_and_save, saved.id, _edits(action, slug, int(day_text)))
    except InvalidRequestError:
        abort(400)
    except TourRouteError as error:
        field = FORM_FIELD.get(error.field or "", error.field or "")
        return _render_trip(saved, replan_error=planner_message(error, field=field)), 409
    return redirect(url_for("trips.trip", trip_id=trip_id), code=303)


@bp.post("/trips/<trip_id>/scenario")
def replan_scenario(trip_id: str) -> Response | tuple[str, int]:
    """Plan the same request again on another scenario's roads (a new trip, a new address)."""
    saved = trip_or_404(trip_id)
    scenario = request.form.get("scenario", "")
    if scenario not in TRIP_SCENARIOS:
        abort(400)
    try:
        new_id = _plan_and_save(dataclasses.replace(saved.itinerary.request, scenario=scenario))
    except TourRouteError as error:
        field = FORM_FIELD.get(error.field or "", error.field or "")
        return _render_trip(saved, replan_error=planner_message(error, field=field)), 409
    return redirect(url_for("trips.trip", trip_id=new_id), code=303)


def _current_day_stops(it: Itinerary) -> list[list[tuple[str, ...]]]:
    return [[slugs for _stop, slugs in edit_units(day)] for day in it.days]


@bp.post("/trips/<trip_id>/edit")
def edit(trip_id: str) -> Response | tuple[str, int]:
    """Reorder, add or remove one stop; re-time exactly that order or refuse, changing nothing.

    An added place is typed by name or slug (the page's search suggests slugs); each accepted
    edit is saved as a new trip with its own address, like re-planning.
    """
    saved = trip_or_404(trip_id)
    action = request.form.get("action", "")
    day_text = request.form.get("day", "")
    if action not in ACTIONS or not day_text.isdigit():
        abort(400)
    slug = request.form.get("slug", "").strip()
    if action == "add":
        errors: dict[str, list[str]] = {}
        found = _resolve(request.form.get("place", ""), field="place", errors=errors)
        if errors or not found:
            reasons = errors.get("place") or [_("Type the name of a place to add.")]
            return _render_trip(saved, edit_errors=reasons), 422
        slug = found[0]
    try:
        day_slugs = apply_edit(
            _current_day_stops(saved.itinerary), action=action, day=int(day_text), slug=slug
        )
    except InvalidRequestError:
        if action != "add":
            abort(400)
        row = catalogue.get_place(slug)
        label = i18n.localized(row, "name", current_locale())[0] if row is not None else slug
        return _render_trip(
            saved, edit_errors=[_("%(place)s is already in the trip.", place=label)]
        ), 422
    try:
        edited = retiming.retime_published(saved.itinerary, day_slugs)
    except RefusedEditError as error:
        lang = current_locale()
        names = {p.slug: p.name(lang) for p in published_places()}
        reasons = [r.headline for r in refusals(error.problems, names=names)]
        return _render_trip(saved, edit_errors=list(dict.fromkeys(reasons))), 409
    except retiming.UnpublishedStopError:
        return _render_trip(saved, edit_errors=[str(PLANNER_MESSAGES[UnknownPlaceError])]), 409
    new_id = trips.save_trip(edited)
    return redirect(url_for("trips.trip", trip_id=new_id), code=303)

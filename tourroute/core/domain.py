"""The plain values every part of TourRoute speaks in.

They are frozen dataclasses so that the planner, the exports and the web layer can pass them
around, cache them and compare them without worrying about who changes what. Nothing here knows
about Flask or the database: ``tourroute.models`` converts rows into these values.

Times of day are whole minutes since midnight (``480`` is 08:00), local time in Vietnam
(UTC+7, no daylight saving), because every fact the planner reasons about is local.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

#: Province codes. ``ha-noi`` only holds the two gateways; it is not one of the three provinces.
PROVINCES: tuple[str, ...] = ("phu-tho", "thai-nguyen", "bac-ninh")
GATEWAY_PROVINCE = "ha-noi"
ALL_PROVINCES: tuple[str, ...] = (*PROVINCES, GATEWAY_PROVINCE)

#: Place kinds, a contract shared with the data files, the API and the pages.
KINDS: tuple[str, ...] = (
    "heritage",
    "spiritual",
    "tea",
    "quan_ho",
    "xoan",
    "museum",
    "nature",
    "craft_village",
    "gateway",
    "lodging",
)
#: Kinds a traveller visits; gateways and lodging are where days start and end.
VISIT_KINDS: tuple[str, ...] = tuple(k for k in KINDS if k not in ("gateway", "lodging"))
#: What a named place to stay is, as ``data/lodgings.csv`` and the API say it.
LODGING_KINDS: tuple[str, ...] = ("hotel", "homestay", "resort")

#: How far a stored coordinate may be from the place itself, best first: ``exact`` is a point of
#: the place read from an authoritative named source; ``approximate`` a point of the place from a
#: secondary dataset, app dump or map embed (kept with its source, shown as approximate);
#: ``village`` and ``commune`` are the settlement's point or the commune's centroid.
Precision = Literal["exact", "approximate", "village", "commune"]
PRECISIONS: tuple[str, ...] = ("exact", "approximate", "village", "commune")

Pace = Literal["relaxed", "normal", "packed"]
#: Visit durations are multiplied by this factor for each pace.
PACE_FACTORS: dict[str, float] = {"relaxed": 1.3, "normal": 1.0, "packed": 0.75}

FLAGSHIP_THEME = "dat-to-tra-xanh-quan-ho"


def hhmm(minutes: int) -> str:
    """Format minutes since midnight as ``HH:MM``, the form every output uses."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_hhmm(text: str) -> int:
    """Minutes since midnight of an ``HH:MM`` text (``"08:30"`` is 510); the inverse of hhmm.

    Raises ValueError for anything else, including digits other than ASCII ones.
    """
    hours, sep, minutes = text.partition(":")
    digits = hours + minutes
    if not (sep and digits.isascii() and digits.isdigit() and len(minutes) == 2):
        raise ValueError(f"{text!r} is not a time of day as HH:MM")
    if not (int(hours) < 24 and int(minutes) < 60):
        raise ValueError(f"{text!r} is not a time of day as HH:MM")
    return int(hours) * 60 + int(minutes)


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """A span of one day during which a place can be visited, ``[open_min, close_min)``."""

    open_min: int
    close_min: int


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """Weekly opening hours.

    ``weekly[0]`` is Monday, ``weekly[6]`` Sunday; an empty tuple means closed that day.
    ``known`` is False when no source gave the hours: the planner then assumes the place can be
    visited in daylight and says so, rather than pretending to know.
    ``text`` keeps the original notation so it can be shown and stored unchanged.
    """

    weekly: tuple[tuple[TimeWindow, ...], ...]
    known: bool
    text: str

    def windows_on(self, day: dt.date) -> tuple[TimeWindow, ...]:
        return self.weekly[day.weekday()]


@dataclass(frozen=True, slots=True)
class Place:
    """A place a trip can start at, visit or sleep at."""

    slug: str
    name_vi: str
    name_en: str
    kind: str
    province: str
    lat: float
    lon: float
    precision: str
    visit_min: int
    hours: OpeningHours
    interest: float
    themes: tuple[str, ...] = ()
    description_vi: str = ""
    description_en: str = ""
    ticket_adult_vnd: int | None = None
    ticket_child_vnd: int | None = None
    heritage: str | None = None
    #: The commune or ward it is in since the July 2025 reform (``""`` when not known).
    commune_2025: str = ""
    #: Named places to stay, for an overnight area; empty for every other place.
    lodgings: tuple[Lodging, ...] = ()

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_vi


@dataclass(frozen=True, slots=True)
class Lodging:
    """A named hotel, homestay or resort in an overnight area (``data/lodgings.csv``).

    A plan only names the area it sleeps in; these are what a traveller books there, each
    with what its source publishes (an empty phone or website is one the source did not give).
    """

    slug: str
    #: The slug of the ``lodging`` place (overnight area) it belongs to.
    area: str
    name: str
    kind: str
    address: str
    phone: str
    website: str
    source: str
    #: The day the source was read (``YYYY-MM-DD``).
    checked: str


@dataclass(frozen=True, slots=True)
class SiteGroup:
    """Places a guide shows together: the four Xoan guilds, the Đền Hùng complex, Tam Đảo town.

    A plan visits a group as one stop (one pin, its members listed, one combined duration) or
    visits a single member; it never drives "0 min" between two members as if they were apart.
    """

    slug: str
    name_vi: str
    name_en: str
    #: Member place slugs, in the order a guide walks them.
    members: tuple[str, ...]

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_vi


@dataclass(frozen=True, slots=True)
class ShowOffer:
    """A performance or experience that is booked rather than walked in on.

    Quan họ on the boat at Lim, a Xoan performance at a guild's communal house, tea picking at a
    farm: the traveller goes for the show, so it is planned as an event with its own time, not as
    an hour at a commune centroid. ``hours`` gives the scheduled days and times; when
    ``by_arrangement`` is True the show is staged for groups on request and the plan carries a
    "book ahead" note instead of promising a time.
    """

    slug: str
    venue: str  # place slug
    kind: str  # the visit kind it belongs to, e.g. "quan_ho", "xoan", "tea"
    name_vi: str
    name_en: str
    duration_min: int
    hours: OpeningHours
    by_arrangement: bool
    booking_note_vi: str = ""
    booking_note_en: str = ""
    source: str = ""

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_vi


@dataclass(frozen=True, slots=True)
class ThemeStage:
    """One leg of a themed journey: which places belong to it.

    A place belongs to the stage when it is in one of ``provinces`` (empty: any) and either its
    kind is in ``kinds`` or it carries one of ``tags`` (both empty: any place of those provinces).
    """

    key: str
    name_vi: str
    name_en: str
    provinces: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    min_places: int = 1

    def admits(self, place: Place) -> bool:
        if self.provinces and place.province not in self.provinces:
            return False
        if not self.kinds and not self.tags:
            return True
        return place.kind in self.kinds or any(t in self.tags for t in place.themes)


@dataclass(frozen=True, slots=True)
class Theme:
    """A journey made of stages visited in order (when ``ordered``)."""

    slug: str
    name_vi: str
    name_en: str
    stages: tuple[ThemeStage, ...]
    description_vi: str = ""
    description_en: str = ""
    ordered: bool = True
    #: Days the whole journey needs; a shorter trip is planned with a note saying so.
    days: int = 1

    def stage_of(self, place: Place) -> int | None:
        """Index of the first stage that admits ``place``; None when the theme has no use for it."""
        for i, stage in enumerate(self.stages):
            if stage.admits(place):
                return i
        return None


@dataclass(frozen=True, slots=True)
class DateRule:
    """When a festival starts each year: a lunar (Vietnamese calendar) or solar day and month."""

    calendar: Literal["lunar", "solar"]
    month: int
    day: int


@dataclass(frozen=True, slots=True)
class Festival:
    slug: str
    name_vi: str
    name_en: str
    rule: DateRule
    duration_days: int
    places: tuple[str, ...]
    description_vi: str = ""
    description_en: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class FestivalDates:
    """A festival resolved to solar dates for one year (``end`` inclusive)."""

    festival: Festival
    start: dt.date
    end: dt.date


class TravelTimes(Protocol):
    """Door-to-door road travel between places, by slug.

    Implemented by ``tourroute.core.network.TravelMatrix``; the planner depends only on this.
    """

    def minutes(self, origin: str, destination: str) -> float: ...

    def km(self, origin: str, destination: str) -> float: ...

    def path(self, origin: str, destination: str) -> Sequence[tuple[float, float]]:
        """The road path as ``(lat, lon)`` points, from origin to destination, for drawing."""
        ...

    def roads(self, origin: str, destination: str) -> Sequence[str]:
        """Road references used in order, e.g. ``("CT.07", "QL3")``."""
        ...


@dataclass(frozen=True, slots=True)
class PlanRules:
    """How the planner values and paces a trip (``data/planning.json``); defaults change nothing.

    A trip's worth is not a sum of independent scores: the k-th visit of one kind in a day (and
    in the whole trip) is worth ``same_kind_*_factors[k]`` of its score, the last factor
    repeating. The defaults keep every visit at full worth, which is what the public OPTW
    benchmark expects.
    """

    same_kind_day_factors: tuple[float, ...] = (1.0,)
    same_kind_trip_factors: tuple[float, ...] = (1.0,)
    max_sights_per_day: Mapping[str, int] = field(default_factory=dict)
    festival_visit_factor: float = 1.0
    #: On a festival day the plan's note advises arriving by this time (before the crowds).
    festival_arrive_by_min: int | None = None
    #: Longest single visit of a site group (at the trip's pace); a longer group is split.
    group_visit_max_min: int = 24 * 60
    #: Share of their worth the parts of a split group keep away from the group's main day.
    group_apart_factor: float = 1.0
    #: Worth lost per minute of driving (see ``Problem.drive_cost``).
    drive_cost_per_min: float = 0.0
    evening_window: tuple[int, int] = (19 * 60, 21 * 60 + 30)
    evening_kinds: tuple[str, ...] = ()
    evening_near_min: int = 30
    #: A daytime experience (kind outside ``evening_kinds``) makes its venue's visit worth this
    #: much more; 1.0 leaves experiences out of the plan's choices.
    experience_factor: float = 1.0
    #: A stage of a theme with several stages needs this many places per day of its share of
    #: the trip; the k-th place beyond keeps ``stage_excess_factors[k]`` of its worth.
    stage_places_per_day: float = 0.0
    stage_excess_factors: tuple[float, ...] = (1.0,)


#: Rules that change nothing: every visit at full worth, no pace cap, no crowds.
NEUTRAL_RULES = PlanRules()


@dataclass(frozen=True, slots=True)
class LockedStop:
    """A stop the traveller fixed: keep ``slug`` on day ``day`` (0-based) and re-plan the rest."""

    slug: str
    day: int


@dataclass(frozen=True, slots=True)
class TripRequest:
    """Everything a traveller can ask of the planner."""

    start_date: dt.date
    days: int
    start: str = "ha-noi"
    end: str | None = None  # None: back where the trip started
    theme: str | None = FLAGSHIP_THEME
    pace: str = "normal"
    day_start_min: int = 8 * 60
    day_end_min: int = 18 * 60
    max_drive_min_per_day: int = 5 * 60
    lunch_min: int = 60
    favour_kinds: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    locked: tuple[LockedStop, ...] = ()
    festivals: bool = False
    seed: int = 0
    #: Which roads to drive on: ``today`` or ``ring-road-5-complete`` (see core.network).
    scenario: str = "today"

    @property
    def end_place(self) -> str:
        return self.end or self.start

    @property
    def promised(self) -> frozenset[str]:
        """The places the traveller asked for (must-includes and locked stops): a plan keeps
        them or the request is refused, whatever else gives way."""
        return frozenset(self.include) | {s.slug for s in self.locked}

    def date_of(self, day_index: int) -> dt.date:
        return self.start_date + dt.timedelta(days=day_index)


@dataclass(frozen=True, slots=True)
class Leg:
    """The drive between two consecutive points of a day."""

    minutes: float
    km: float
    path: tuple[tuple[float, float], ...] = ()
    roads: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Stop:
    """One visit: when the traveller arrives, starts, leaves, and the drive that led there."""

    place: Place
    arrive_min: int
    start_min: int
    depart_min: int
    leg: Leg
    score: float = 0.0
    festival: str | None = None  # slug of a festival on that day at that place
    locked: bool = False
    #: Set when the stop is a whole site group: ``place`` is the member whose point the pin uses,
    #: ``members`` every member visited, in order, within ``start_min``–``depart_min``.
    group: SiteGroup | None = None
    members: tuple[Place, ...] = ()
    #: A daytime experience booked at this stop (tea picking at a farm): the visit of its venue
    #: takes the experience's length (see ``trip_rules.experience_extra_min``).
    experience: ShowOffer | None = None

    @property
    def wait_min(self) -> int:
        return self.start_min - self.arrive_min

    @property
    def slugs(self) -> tuple[str, ...]:
        """The places this stop visits: a group's members, else its own place (what an editor
        lists and hands back to the fixed-order re-timer, which groups the members again)."""
        return tuple(m.slug for m in self.members) or (self.place.slug,)

    def name(self, lang: str) -> str:
        """What the stop is called: the group's name for a whole group, else the place's."""
        return self.group.name(lang) if self.group is not None else self.place.name(lang)


@dataclass(frozen=True, slots=True)
class DayPlan:
    date: dt.date
    origin: Place
    stops: tuple[Stop, ...]
    #: Where the night is spent; on the last day, the trip's end point.
    lodging: Place
    #: The drive from the last stop (or the origin) to ``lodging``.
    final_leg: Leg
    arrive_lodging_min: int
    lunch_start_min: int | None = None
    #: Why the night is spent there (``NIGHT_REASONS``); None on the last day.
    lodging_reason: str | None = None
    #: Shows and experiences booked that day, in time order (an evening show comes after the last
    #: stop; ``final_leg`` then runs from the last show's venue to ``lodging``).
    shows: tuple[ScheduledShow, ...] = ()


@dataclass(frozen=True, slots=True)
class ScheduledShow:
    """A ``ShowOffer`` put into a day: where, when, and the drive that leads to its venue."""

    offer: ShowOffer
    venue: Place
    start_min: int
    end_min: int
    leg: Leg


#: Why a place was left out, one code per cause the planner can name.
LeftOutReason = Literal[
    "closed_that_day",
    "window_missed",
    "day_too_long",
    "driving_limit",
    "stage_order",
    "excluded",
    "not_selected",
]


#: A value a reason's detail names: a day number, minutes, a time, a date, dates, a stage name.
DetailValue = int | str | dt.date | tuple[dt.date, ...]


@dataclass(frozen=True, slots=True)
class ReasonDetail:
    """One sentence of why a place was left out: a sentence code and the values it names.

    The planner says *what* happened (day 2, 300 minutes, the Quan họ stage); the words are
    chosen when the reason is shown, in the reader's language (``tourroute.core.reasons``).
    """

    code: str
    values: tuple[tuple[str, DetailValue], ...] = ()


@dataclass(frozen=True, slots=True)
class LeftOut:
    place: Place
    reason: str
    detail: tuple[ReasonDetail, ...] = ()
    must_include: bool = False


#: Why a night's lodging was chosen: it is the nearest to tomorrow's first stop, to tonight's
#: last stop (or show), or the only one that keeps the plan feasible.
NIGHT_REASONS: tuple[str, ...] = ("next_first_stop", "last_stop", "only_feasible")

#: What a note at the top of a plan is about.
NoteCode = Literal["theme_days", "festival_crowds", "festival_clash", "book_ahead"]


@dataclass(frozen=True, slots=True)
class Note:
    """Something the traveller should know before reading the days.

    ``theme_days``: the theme needs ``needs`` days and the trip covers only ``covers`` (stage
    names); ``festival_crowds``: ``place`` holds the festival ``label`` on day ``day``;
    ``festival_clash``: the festival ``label`` at ``place`` on day ``day`` is left out, because
    other festivals in the plan hold that day;
    ``book_ahead``: the show ``label`` at ``place`` on day ``day`` is staged by arrangement.
    """

    code: str
    day: int | None = None
    place: Place | None = None
    needs: int | None = None
    #: ``theme_days``: the stages the trip covers, as (Vietnamese, English) names.
    covers: tuple[tuple[str, str], ...] = ()
    #: The festival's or the show's (Vietnamese, English) name.
    label: tuple[str, str] = ("", "")


#: How a re-plan changed a stop.
CHANGES: tuple[str, ...] = ("added", "removed", "moved")


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between a trip and its re-plan, with the reason code (``CHANGE_REASONS``)."""

    place: Place
    change: str
    reason: str
    day: int | None = None
    from_day: int | None = None


#: Why a stop changed: the traveller asked, it no longer fit, or it fills the time freed.
CHANGE_REASONS: tuple[str, ...] = ("asked", "no_longer_fits", "fills_free_time")


@dataclass(frozen=True, slots=True)
class Totals:
    score: float
    drive_min: float
    drive_km: float
    visit_min: int


@dataclass(frozen=True, slots=True)
class Itinerary:
    request: TripRequest
    days: tuple[DayPlan, ...]
    totals: Totals
    left_out: tuple[LeftOut, ...] = field(default=())
    notes: tuple[Note, ...] = ()
    #: Against the trip it was re-planned from (empty for a first plan).
    changes: tuple[Change, ...] = ()

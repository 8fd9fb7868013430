"""A hand-built two-day itinerary for the export and serialisation tests.

Coordinates are taken from the reference POI tables; the times, legs and the hostile place name
are made up for the tests. The hostile name mixes markup, XML entities, quotes and a spreadsheet
formula so every format's escaping and the CSV/XLSX injection guard are exercised at once.
"""

from __future__ import annotations

import datetime as dt

from tourroute.core.domain import (
    DayPlan,
    Itinerary,
    LeftOut,
    Leg,
    OpeningHours,
    Place,
    Stop,
    TimeWindow,
    Totals,
    TripRequest,
)
from tourroute.core.reasons import detail

HOSTILE_NAME = "=cmd|' /C calc'!A0 <script>alert(\"x\")</script> Tea & 'Co'"

_DAILY = OpeningHours(
    weekly=tuple((TimeWindow(7 * 60, 18 * 60),) for _ in range(7)),
    known=True,
    text="daily 07:00-18:00",
)
_UNKNOWN = OpeningHours(weekly=tuple(() for _ in range(7)), known=False, text="")


def make_place(slug: str, **overrides: object) -> Place:
    fields: dict[str, object] = {
        "slug": slug,
        "name_vi": slug,
        "name_en": slug,
        "kind": "heritage",
        "province": "phu-tho",
        "lat": 21.0,
        "lon": 105.5,
        "precision": "commune",
        "visit_min": 60,
        "hours": _DAILY,
        "interest": 1.0,
    }
    fields.update(overrides)
    return Place(**fields)  # type: ignore[arg-type]


HA_NOI = make_place(
    "ha-noi-hoan-kiem",
    name_vi="Hà Nội (Hồ Hoàn Kiếm)",
    name_en="Hanoi (Hoàn Kiếm Lake)",
    kind="gateway",
    province="ha-noi",
    lat=21.0287,
    lon=105.8523,
    precision="exact",
    visit_min=0,
    hours=_UNKNOWN,
)
DEN_HUNG = make_place(
    "den-hung",
    name_vi="Khu di tích lịch sử Đền Hùng",
    name_en="Hùng Kings Temple historic site",
    lat=21.367495,
    lon=105.3219,
    visit_min=150,
    description_vi="Quần thể đền thờ các Vua Hùng trên núi Nghĩa Lĩnh.",
    description_en="Temples to the Hùng Kings on Nghĩa Lĩnh mountain.",
    ticket_adult_vnd=10000,
    ticket_child_vnd=5000,
)
XOAN = make_place(
    "dinh-hung-lo",
    name_vi="Đình Hùng Lô (điểm hát Xoan)",
    name_en="Hùng Lô communal house (Xoan venue)",
    kind="xoan",
    lat=21.3673,
    lon=105.386309,
    visit_min=90,
)
VIET_TRI = make_place(
    "viet-tri",
    name_vi="TP Việt Trì",
    name_en="Việt Trì city",
    kind="lodging",
    lat=21.32274,
    lon=105.40198,
    precision="village",
    visit_min=0,
)
TAN_CUONG = make_place(
    "tan-cuong",
    name_vi="Vùng chè Tân Cương",
    name_en="Tân Cương tea area",
    kind="tea",
    province="thai-nguyen",
    lat=21.532229,
    lon=105.764332,
    precision="village",
    visit_min=120,
    ticket_adult_vnd=0,
)
HOSTILE = make_place(
    "hostile-tea",
    name_vi=HOSTILE_NAME,
    name_en=HOSTILE_NAME,
    kind="tea",
    province="thai-nguyen",
    lat=21.538781,
    lon=105.76318,
    visit_min=60,
    description_vi='=HYPERLINK("http://evil") & <b>đậm</b>',
    description_en='=HYPERLINK("http://evil") & <b>bold</b>',
)
BUT_THAP = make_place(
    "chua-but-thap",
    name_vi="Chùa Bút Tháp",
    name_en="But Thap Pagoda",
    kind="spiritual",
    province="bac-ninh",
    lat=21.06083,
    lon=106.0222,
    precision="exact",
    visit_min=60,
)
LIM = make_place(
    "doi-lim",
    name_vi="Đồi Lim – Lễ hội Lim",
    name_en="Lim Hill (Lim Festival site)",
    kind="quan_ho",
    province="bac-ninh",
    lat=21.14388,
    lon=106.02018,
    precision="village",
)


def _leg(a: Place, b: Place, minutes: float, km: float, roads: tuple[str, ...]) -> Leg:
    mid = ((a.lat + b.lat) / 2 + 0.01, (a.lon + b.lon) / 2)
    return Leg(minutes=minutes, km=km, path=((a.lat, a.lon), mid, (b.lat, b.lon)), roads=roads)


REQUEST = TripRequest(start_date=dt.date(2026, 4, 25), days=2, seed=7)

DAY1 = DayPlan(
    date=dt.date(2026, 4, 25),
    origin=HA_NOI,
    stops=(
        Stop(
            DEN_HUNG,
            9 * 60 + 35,
            9 * 60 + 35,
            12 * 60 + 5,
            _leg(HA_NOI, DEN_HUNG, 95.4, 88.26, ("CT.05", "QL2")),
            score=3.5,
        ),
        Stop(
            XOAN,
            13 * 60 + 20,
            13 * 60 + 30,
            15 * 60,
            _leg(DEN_HUNG, XOAN, 15.0, 9.04, ("ĐT.325",)),
            score=2.0,
            festival="gio-to",
        ),
    ),
    lodging=VIET_TRI,
    final_leg=_leg(XOAN, VIET_TRI, 12.0, 7.5, ()),
    arrive_lodging_min=15 * 60 + 12,
    lunch_start_min=12 * 60 + 15,
)
DAY2 = DayPlan(
    date=dt.date(2026, 4, 26),
    origin=VIET_TRI,
    stops=(
        Stop(
            TAN_CUONG,
            9 * 60 + 40,
            9 * 60 + 40,
            11 * 60 + 40,
            _leg(VIET_TRI, TAN_CUONG, 100.0, 91.3, ("QL2", "CT.07")),
            score=3.0,
        ),
        Stop(
            HOSTILE,
            11 * 60 + 50,
            11 * 60 + 50,
            12 * 60 + 50,
            _leg(TAN_CUONG, HOSTILE, 10.0, 1.2, ()),
            score=1.0,
        ),
        Stop(
            BUT_THAP,
            15 * 60 + 5,
            15 * 60 + 5,
            16 * 60 + 5,
            _leg(HOSTILE, BUT_THAP, 75.0, 66.66, ("QL3", "QL38")),
            score=2.5,
            locked=True,
        ),
    ),
    lodging=HA_NOI,
    final_leg=_leg(BUT_THAP, HA_NOI, 50.0, 31.0, ("QL5",)),
    arrive_lodging_min=16 * 60 + 55,
    lunch_start_min=13 * 60,
)
ITINERARY = Itinerary(
    request=REQUEST,
    days=(DAY1, DAY2),
    totals=Totals(score=12.0, drive_min=357.4, drive_km=294.96, visit_min=480),
    left_out=(
        LeftOut(
            LIM,
            "day_too_long",
            (detail("day_too_long", day=2, date=dt.date(2026, 4, 26), time=18 * 60),),
        ),
    ),
)

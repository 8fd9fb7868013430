"""The words the exports print, in Vietnamese and English.

Kept here as plain dictionaries so every format prints the same words; they are to be moved
into the gettext catalogues with the rest of the interface text.
"""

from __future__ import annotations

import datetime as dt

from tourroute.core.domain import Place

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "day": "Ngày",
        "date": "Ngày tháng",
        "arrive": "Đến",
        "depart": "Rời",
        "place": "Địa điểm",
        "province": "Tỉnh",
        "kind": "Loại",
        "travel_km": "Quãng đường (km)",
        "travel_min": "Thời gian lái (phút)",
        "ticket_adult": "Vé người lớn (VND)",
        "ticket_group": "Vé cả đoàn (VND)",
        "unknown": "chưa rõ",
        "drive": "Di chuyển",
        "drive_to": "Di chuyển đến",
        "visit": "Tham quan",
        "lunch": "Ăn trưa",
        "lodging": "Nghỉ đêm",
        "trip_end": "Kết thúc hành trình",
        "start_from": "Khởi hành từ",
        "minutes": "phút",
        "hours": "giờ",
        "via": "qua",
        "wait": "chờ",
        "festival": "Lễ hội",
        "programme": "Chương trình du lịch",
        "route_map": "Bản đồ lộ trình",
        "costs": "Dự toán chi phí",
        "tickets": "Vé tham quan",
        "transport": "Xe",
        "rooms": "Phòng nghỉ",
        "guide": "Hướng dẫn viên",
        "margin": "Phí dịch vụ",
        "total_group": "Tổng cả đoàn",
        "per_person": "Mỗi người",
        "unknown_tickets": "Chưa rõ giá vé (không tính vào tổng)",
        "group": "Đoàn",
        "adults": "người lớn",
        "children": "trẻ em",
        "vehicle": "xe {seats} chỗ",
        "nights": "đêm",
        "days": "ngày",
        "total_drive": "Tổng thời gian lái xe",
        "total_km": "Tổng quãng đường",
        "precision_note": "Vị trí gần đúng (theo xã/thôn)",
        "map_note": "Bản đồ vẽ không dùng nền; ranh giới tỉnh gần đúng.",
        "page": "Trang",
    },
    "en": {
        "day": "Day",
        "date": "Date",
        "arrive": "Arrive",
        "depart": "Depart",
        "place": "Place",
        "province": "Province",
        "kind": "Kind",
        "travel_km": "Drive (km)",
        "travel_min": "Drive (min)",
        "ticket_adult": "Adult ticket (VND)",
        "ticket_group": "Group tickets (VND)",
        "unknown": "unknown",
        "drive": "Drive",
        "drive_to": "Drive to",
        "visit": "Visit",
        "lunch": "Lunch",
        "lodging": "Overnight",
        "trip_end": "End of the trip",
        "start_from": "Start from",
        "minutes": "min",
        "hours": "h",
        "via": "via",
        "wait": "wait",
        "festival": "Festival",
        "programme": "Tour programme",
        "route_map": "Route map",
        "costs": "Cost estimate",
        "tickets": "Entrance tickets",
        "transport": "Vehicle",
        "rooms": "Rooms",
        "guide": "Guide",
        "margin": "Service margin",
        "total_group": "Group total",
        "per_person": "Per person",
        "unknown_tickets": "Ticket price unknown (not in the totals)",
        "group": "Group",
        "adults": "adults",
        "children": "children",
        "vehicle": "{seats}-seat vehicle",
        "nights": "nights",
        "days": "days",
        "total_drive": "Total driving time",
        "total_km": "Total distance",
        "precision_note": "Approximate location (commune or village)",
        "map_note": "Map drawn without tiles; province outlines are approximate.",
        "page": "Page",
    },
}

KIND_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "heritage": "Di tích",
        "spiritual": "Tâm linh",
        "tea": "Chè",
        "quan_ho": "Quan họ",
        "xoan": "Hát Xoan",
        "museum": "Bảo tàng",
        "nature": "Thiên nhiên",
        "craft_village": "Làng nghề",
        "gateway": "Điểm đón",
        "lodging": "Nơi nghỉ",
    },
    "en": {
        "heritage": "Heritage",
        "spiritual": "Spiritual",
        "tea": "Tea",
        "quan_ho": "Quan họ singing",
        "xoan": "Xoan singing",
        "museum": "Museum",
        "nature": "Nature",
        "craft_village": "Craft village",
        "gateway": "Gateway",
        "lodging": "Lodging",
    },
}

PROVINCE_NAMES: dict[str, dict[str, str]] = {
    "vi": {
        "phu-tho": "Phú Thọ",
        "thai-nguyen": "Thái Nguyên",
        "bac-ninh": "Bắc Ninh",
        "ha-noi": "Hà Nội",
    },
    "en": {
        "phu-tho": "Phú Thọ",
        "thai-nguyen": "Thái Nguyên",
        "bac-ninh": "Bắc Ninh",
        "ha-noi": "Hanoi",
    },
}


def _table(lang: str) -> str:
    return "en" if lang == "en" else "vi"


def label(key: str, lang: str) -> str:
    """The word for ``key`` in ``lang``; any language but English falls back to Vietnamese."""
    return LABELS[_table(lang)][key]


def kind_label(kind: str, lang: str) -> str:
    return KIND_LABELS[_table(lang)].get(kind, kind)


def province_name(code: str, lang: str) -> str:
    return PROVINCE_NAMES[_table(lang)].get(code, code)


def place_description(place: Place, lang: str) -> str:
    """The description in ``lang``, or the other language's when that one is missing."""
    if lang == "en":
        return place.description_en or place.description_vi
    return place.description_vi or place.description_en


WEEKDAYS: dict[str, tuple[str, ...]] = {
    "vi": ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def long_date(day: dt.date, lang: str) -> str:
    """``Thứ Bảy, 25/04/2026`` or ``Saturday, 25/04/2026``: day first, as both readers expect."""
    return f"{WEEKDAYS[_table(lang)][day.weekday()]}, {day:%d/%m/%Y}"

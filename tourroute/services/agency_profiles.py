"""An agency's settings: branding on its documents, its own rates, and how it shows money."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from babel.numbers import NumberFormatError, format_decimal, parse_decimal
from flask import current_app

from tourroute.core.costs import ANY_PROVINCE, VEHICLE_SEATS, Rates, load_rates
from tourroute.core.domain import PROVINCES
from tourroute.core.errors import DataError, InvalidRequestError
from tourroute.core.export.branding import Branding
from tourroute.core.images import reencode_image
from tourroute.core.messages import N_, TranslatableError
from tourroute.extensions import db
from tourroute.models import CURRENCIES, AgencyProfile, User

#: Longest side of a stored logo, in pixels: enough for a printed header.
LOGO_MAX_PX = 600
MAX_RATE_VND = 1_000_000_000
#: No currency an agency may choose is worth less than this many VND (USD and EUR are worth
#: over 20,000): a smaller rate is a thousands separator read the wrong way ("26,000" as 26).
MIN_VND_PER_UNIT = 1_000
#: Form key of the room rate for places outside the three provinces.
OTHER_PROVINCE_KEY = "room_per_night_other"


class SettingsError(TranslatableError):
    """A setting the agency entered cannot be used; ``field`` names it."""


class FormErrors(Exception):
    """Every fault of one form at once, so each can be shown next to its field."""

    def __init__(self, errors: Mapping[str, SettingsError]) -> None:
        super().__init__(", ".join(errors))
        self.errors = dict(errors)


def default_rates() -> Rates:
    return load_rates(Path(current_app.config["DATA_DIR"]) / "rates.csv")


def rate_values(rates: Rates) -> dict[str, float]:
    """Rates as flat form keys (``vehicle_per_km_16``, ``room_per_night_phu-tho``, …)."""
    values: dict[str, float] = {}
    for seats in VEHICLE_SEATS:
        values[f"vehicle_per_km_{seats}"] = rates.vehicle_per_km_vnd[seats]
        values[f"vehicle_per_day_{seats}"] = rates.vehicle_per_day_vnd[seats]
    rooms = rates.room_per_night_vnd
    for code in PROVINCES:
        values[f"room_per_night_{code}"] = rooms.get(code, rooms[ANY_PROVINCE])
    values[OTHER_PROVINCE_KEY] = rooms[ANY_PROVINCE]
    values["guide_per_day"] = rates.guide_per_day_vnd
    values["margin_pct"] = rates.margin_pct
    return values


def _rates_from(values: Mapping[str, float]) -> Rates:
    rooms = {code: int(values[f"room_per_night_{code}"]) for code in PROVINCES}
    rooms[ANY_PROVINCE] = int(values[OTHER_PROVINCE_KEY])
    return Rates(
        vehicle_per_km_vnd={s: int(values[f"vehicle_per_km_{s}"]) for s in VEHICLE_SEATS},
        vehicle_per_day_vnd={s: int(values[f"vehicle_per_day_{s}"]) for s in VEHICLE_SEATS},
        room_per_night_vnd=rooms,
        guide_per_day_vnd=int(values["guide_per_day"]),
        margin_pct=float(values["margin_pct"]),
    )


def profile_of(user: User) -> AgencyProfile:
    """The agency's settings, created with defaults on first use."""
    profile = db.session.get(AgencyProfile, user.id)
    if profile is None:
        profile = AgencyProfile(user_id=user.id, agency_name="", rates={}, currency="VND")
        db.session.add(profile)
        db.session.flush()
    return profile


def profile_for_owner(owner_id: int) -> AgencyProfile | None:
    return db.session.get(AgencyProfile, owner_id)


def rates_of(profile: AgencyProfile | None) -> Rates:
    """The default rates with the agency's own on top."""
    defaults = default_rates()
    if profile is None or not profile.rates:
        return defaults
    values = rate_values(defaults)
    values.update({k: v for k, v in profile.rates.items() if k in values})
    return dataclasses.replace(_rates_from(values), people_per_room=defaults.people_per_room)


def branding_of(profile: AgencyProfile | None, *, fallback_name: str) -> Branding:
    if profile is None:
        return Branding(agency_name=fallback_name)
    return Branding(
        agency_name=profile.agency_name or fallback_name,
        logo_png=profile.logo_png,
        contact=profile.contact,
        accent_hex=profile.accent_hex,
    )


def update_branding(
    profile: AgencyProfile,
    *,
    agency_name: str,
    contact: str,
    accent_hex: str,
    logo: bytes | None = None,
) -> None:
    """Check every field first and change nothing unless all are right."""
    errors: dict[str, SettingsError] = {}
    name = " ".join(agency_name.split())
    if not name or len(name) > 200:
        errors["agency_name"] = SettingsError(
            N_("Enter the agency's name (at most 200 characters)."), field="agency_name"
        )
    contact = " ".join(contact.split())
    if len(contact) > 300:
        errors["contact"] = SettingsError(
            N_("The contact line can have at most 300 characters."), field="contact"
        )
    accent = accent_hex.strip().lower()
    try:
        Branding(agency_name=name, accent_hex=accent).accent_rgb()
    except InvalidRequestError:
        errors["accent_hex"] = SettingsError(
            N_("Give the colour as # and six hex digits, e.g. #1f6f5c."), field="accent_hex"
        )
    logo_png = None
    if logo:
        try:
            logo_png = reencode_image(logo, max_px=LOGO_MAX_PX)
        except DataError:
            errors["logo"] = SettingsError(
                N_("The logo must be a PNG, JPEG, WebP or GIF image."), field="logo"
            )
    if errors:
        raise FormErrors(errors)
    profile.agency_name, profile.contact = name, contact
    profile.accent_hex = accent if accent.startswith("#") else f"#{accent}"
    if logo_png is not None:
        profile.logo_png = logo_png


def parse_number(raw: str, *, lang: str) -> float | None:
    """A number as typed in ``lang`` (vi ``26.000`` and en ``26,000`` are both 26000); None when
    it is not one, is written ambiguously for that language, or is not finite."""
    try:
        value = parse_decimal(raw.strip(), locale=lang, strict=True)
    except NumberFormatError:
        return None
    return float(value) if value.is_finite() else None


def show_number(value: float, *, lang: str) -> str:
    """A number as :func:`parse_number` reads it back in ``lang``."""
    return str(format_decimal(value, locale=lang, group_separator=True))


def update_rates(
    profile: AgencyProfile,
    form: Mapping[str, str],
    *,
    currency: str,
    vnd_per_unit: str,
    lang: str,
) -> None:
    """Store the rates that differ from the defaults, and the currency shown beside VND."""
    defaults = rate_values(default_rates())
    errors: dict[str, SettingsError] = {}
    overrides: dict[str, float] = {}
    for key, default in defaults.items():
        raw = form.get(key, "")
        if not raw.strip():
            continue
        value = parse_number(raw, lang=lang)
        limit = 100 if key == "margin_pct" else MAX_RATE_VND
        if value is None or not 0 <= value <= limit or (key != "margin_pct" and value % 1):
            errors[key] = SettingsError(
                N_("Enter a whole number from 0 to %(maximum)d.")
                if key != "margin_pct"
                else N_("Enter a percentage from 0 to %(maximum)d."),
                field=key,
                maximum=limit,
            )
        elif value != default:
            overrides[key] = value if key == "margin_pct" else int(value)
    rate: float | None = None
    if currency not in CURRENCIES:
        errors["currency"] = SettingsError(
            N_("“%(value)s” is not one of: %(allowed)s."),
            field="currency",
            value=currency,
            allowed=", ".join(CURRENCIES),
        )
    elif currency != "VND":
        rate = parse_number(vnd_per_unit, lang=lang)
        if rate is not None and 0 < rate < MIN_VND_PER_UNIT:
            errors["vnd_per_unit"] = SettingsError(
                N_(
                    "One %(currency)s is worth more than %(minimum)s VND: check the thousands "
                    "separator (in this language, %(example)s)."
                ),
                field="vnd_per_unit",
                currency=currency,
                minimum=show_number(MIN_VND_PER_UNIT, lang=lang),
                example=show_number(26_000, lang=lang),
            )
        elif rate is None or not 0 < rate <= MAX_RATE_VND:
            errors["vnd_per_unit"] = SettingsError(
                N_("Give the exchange rate: how many VND one %(currency)s is worth."),
                field="vnd_per_unit",
                currency=currency,
            )
    if errors:
        raise FormErrors(errors)
    profile.rates = overrides
    profile.currency, profile.vnd_per_unit = currency, rate

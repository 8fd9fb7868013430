"""Database rows to the core's plain values, so the core never sees a session."""

from __future__ import annotations

from tourroute import models
from tourroute.core import datafiles, domain
from tourroute.core.hours import parse_opening_hours


def place(row: models.Place) -> domain.Place:
    return domain.Place(
        slug=row.slug,
        name_vi=row.name_vi,
        name_en=row.name_en,
        kind=row.kind,
        province=row.province_code,
        lat=row.lat,
        lon=row.lon,
        precision=row.precision,
        visit_min=row.visit_min,
        hours=parse_opening_hours(row.opening_hours),
        interest=row.interest,
        themes=row.tag_names,
        description_vi=row.description_vi,
        description_en=row.description_en,
        ticket_adult_vnd=row.ticket_adult_vnd,
        ticket_child_vnd=row.ticket_child_vnd,
        heritage=row.heritage,
        commune_2025=row.commune_2025,
        lodgings=tuple(lodging(item) for item in row.lodgings),
    )


def lodging(row: models.Lodging) -> domain.Lodging:
    return domain.Lodging(
        slug=row.slug,
        area=row.area.slug,
        name=row.name,
        kind=row.kind,
        address=row.address,
        phone=row.phone,
        website=row.website,
        source=row.source,
        checked=row.checked.isoformat(),
    )


def theme(row: models.Theme) -> domain.Theme:
    return domain.Theme(
        slug=row.slug,
        name_vi=row.name_vi,
        name_en=row.name_en,
        description_vi=row.description_vi,
        description_en=row.description_en,
        ordered=row.ordered,
        days=row.days,
        stages=tuple(
            domain.ThemeStage(
                key=s.key,
                name_vi=s.name_vi,
                name_en=s.name_en,
                provinces=tuple(s.provinces.split()),
                kinds=tuple(s.kinds.split()),
                tags=tuple(s.tags.split()),
                min_places=s.min_places,
            )
            for s in row.stages
        ),
    )


def festival(row: models.Festival) -> domain.Festival:
    return domain.Festival(
        slug=row.slug,
        name_vi=row.name_vi,
        name_en=row.name_en,
        rule=domain.DateRule(
            calendar="lunar" if row.calendar == "lunar" else "solar", month=row.month, day=row.day
        ),
        duration_days=row.duration_days,
        places=tuple(p.slug for p in row.places),
        description_vi=row.description_vi,
        description_en=row.description_en,
        source=row.source,
    )


def site_group(row: models.SiteGroup) -> domain.SiteGroup:
    return domain.SiteGroup(
        slug=row.slug,
        name_vi=row.name_vi,
        name_en=row.name_en,
        members=tuple(m for m in row.members.split(";") if m),
    )


def show(row: models.ShowOffer) -> domain.ShowOffer:
    return datafiles.show_offer(
        datafiles.ShowRecord(
            slug=row.slug,
            venue=row.venue.slug,
            kind=row.kind,
            name_vi=row.name_vi,
            name_en=row.name_en,
            hours=row.hours,
            duration_min=row.duration_min,
            duration_source=row.duration_source,
            booking_note_vi=row.booking_note_vi,
            booking_note_en=row.booking_note_en,
            source=row.source,
        )
    )

"""The completeness report: one rule for what counts as known, and the shape issue #11 gives."""

from tourroute.core.completeness import PlaceFacts, completeness


def _facts(**overrides: object) -> PlaceFacts:
    values: dict[str, object] = {
        "slug": "den-thu",
        "province": "bac-ninh",
        "kind": "spiritual",
        "precision": "commune",
        "opening_hours": "unknown",
        "ticket_adult_vnd": None,
        "visit_source": "estimate",
        "commune_2025": "",
    }
    values.update(overrides)
    return PlaceFacts(**values)  # type: ignore[arg-type]


def test_counts_per_province_and_the_shape() -> None:
    report = completeness(
        [
            _facts(slug="a", precision="exact", opening_hours="Mo-Su 08:00-17:00"),
            _facts(slug="b", ticket_adult_vnd=0, visit_source="https://x.example/b"),
            _facts(slug="c", province="phu-tho", commune_2025="Xã Hy Cương"),
            _facts(slug="g", province="ha-noi", kind="gateway"),
        ]
    )
    assert set(report) == {"provinces", "missing"}
    assert set(report["provinces"]) == {"phu-tho", "thai-nguyen", "bac-ninh"}
    assert report["provinces"]["bac-ninh"] == {
        "places": 2,
        "exact": 1,
        "hours_known": 1,
        "ticket_known": 1,
        "duration_sourced": 1,
        "commune_2025": 0,
    }
    assert report["provinces"]["thai-nguyen"]["places"] == 0
    assert "g" not in {m["slug"] for m in report["missing"]}  # Hà Nội is not a province here


def test_a_free_ticket_is_known_and_an_estimate_is_not_a_source() -> None:
    (entry,) = completeness([_facts(ticket_adult_vnd=0)])["missing"]
    assert entry == {
        "slug": "den-thu",
        "fields": ["exact", "hours_known", "duration_sourced", "commune_2025"],
    }


def test_lodging_lacks_only_what_it_can_have() -> None:
    (entry,) = completeness([_facts(kind="lodging")])["missing"]
    assert entry["fields"] == ["exact", "commune_2025"]
    complete = _facts(kind="lodging", precision="exact", commune_2025="Phường Kinh Bắc")
    assert completeness([complete])["missing"] == []

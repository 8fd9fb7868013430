"""Catalogue pages in both languages, filters, paging and error pages."""

import json
import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient


def test_home_is_vietnamese_by_default_and_english_under_en(client: FlaskClient) -> None:
    vi = client.get("/")
    en = client.get("/en/")
    assert vi.status_code == en.status_code == 200
    assert '<html lang="vi">' in vi.text and "Ba tỉnh" in vi.text
    assert '<html lang="en">' in en.text and "The three provinces" in en.text
    assert "Ba tỉnh" not in en.text
    assert "Đất Tổ – Trà xanh – Quan họ" in vi.text  # the flagship theme's own name


def test_links_keep_the_language(client: FlaskClient) -> None:
    en = client.get("/en/places").text
    hrefs = re.findall(r'href="([^"]+)"', en)
    internal = [h for h in hrefs if h.startswith("/") and not h.startswith("/static")]
    assert "/en/places" in internal
    switch_to_vi = [h for h in internal if not h.startswith("/en")]
    assert switch_to_vi == ["/places"], "only the language switch leaves English"


def test_language_switch_keeps_path_and_query(client: FlaskClient) -> None:
    page = client.get("/places?province=bac-ninh").text
    assert 'href="/en/places?province=bac-ninh"' in page


def test_places_filters_by_province_and_kind(
    app, client: FlaskClient, make_place: Callable[..., str]
) -> None:
    app.config["PAGE_SIZE"] = 1000
    make_place(slug="chua-thu", name_vi="Chùa Thử", kind="spiritual", province_code="bac-ninh")
    make_place(
        slug="doi-che-thu",
        name_vi="Đồi Chè Thử",
        kind="tea",
        province_code="thai-nguyen",
        lat=21.6,
        lon=105.8,
    )
    tea = client.get("/places?kind=tea").text
    assert "Đồi Chè Thử" in tea and "Chùa Thử" not in tea
    bn = client.get("/en/places?province=bac-ninh").text
    assert "Test Communal House" in bn
    assert "Đồi Chè Thử" not in bn
    names = re.findall(r'<li>\s*<a href="/en/places/[^"]+">([^<]+)</a>', bn)
    assert names == sorted(names, key=str.lower), "English list is in English alphabetical order"


def test_places_are_paged(app, client: FlaskClient, make_place: Callable[..., str]) -> None:
    app.config["PAGE_SIZE"] = 2
    for i in range(5):
        make_place(slug=f"p-{i}", name_vi=f"Địa điểm {i}")
    first = client.get("/places?province=bac-ninh").text
    assert "Trang 1 / " in first and 'rel="next"' in first
    last_page = int(re.search(r"Trang 1 / (\d+)", first).group(1))
    assert client.get(f"/places?province=bac-ninh&page={last_page}").status_code == 200
    assert client.get(f"/places?province=bac-ninh&page={last_page + 1}").status_code == 404


@pytest.mark.parametrize(
    ("query", "needle_vi", "needle_en"),
    [
        ("province=atlantis", "Tham số “province”", "Parameter “province”"),
        ("kind=casino", "Tham số “kind”", "Parameter “kind”"),
        ("page=abc", "Tham số “page”", "Parameter “page”"),
        ("page=0", "Tham số “page”", "Parameter “page”"),
        ("page=99999999999999999999", "Tham số “page”", "Parameter “page”"),
    ],
)
def test_bad_parameters_are_400_with_a_message(
    client: FlaskClient, query: str, needle_vi: str, needle_en: str
) -> None:
    vi = client.get(f"/places?{query}")
    en = client.get(f"/en/places?{query}")
    assert vi.status_code == en.status_code == 400
    assert needle_vi in vi.text
    assert needle_en in en.text


def test_place_page_shows_facts_and_precision(
    client: FlaskClient, make_place: Callable[..., str]
) -> None:
    slug = make_place(
        name_vi="Đình Làng Thử",
        name_en="Thử Village Communal House",
        precision="commune",
        opening_hours="Mo-Su 07:00-17:00",
        ticket_adult_vnd=20000,
    )
    vi = client.get(f"/places/{slug}").text
    en = client.get(f"/en/places/{slug}").text
    assert "Đình Làng Thử" in vi and "Vị trí gần đúng (tâm xã/phường)" in vi
    assert "Thử Village Communal House" in en and "Approximate location (commune centre)" in en
    assert "₫20,000" in en
    assert "20.000\xa0₫" in vi
    # hours read as people write them, not in the data's syntax
    assert "Thứ Hai–Chủ Nhật 07:00–17:00" in vi and "Mo-Su" not in vi
    assert "Mon–Sun 07:00–17:00" in en


def test_an_overnight_area_shows_no_visit_facts(client: FlaskClient) -> None:
    page = client.get("/en/places/pom-coong-homestays").text
    assert "Overnight area" in page
    assert "Typical visit" not in page and "Opening hours" not in page


def test_missing_translation_falls_back_and_is_marked(
    client: FlaskClient, make_place: Callable[..., str]
) -> None:
    slug = make_place(
        name_en="",
        description_en="",
        name_vi="Đền Chỉ Tiếng Việt",
        description_vi="Chỉ có mô tả tiếng Việt.",
    )
    en = client.get(f"/en/places/{slug}").text
    assert "Đền Chỉ Tiếng Việt" in en
    assert "Chỉ có mô tả tiếng Việt." in en
    assert "not yet available in your language" in en
    assert 'class="description fallback"' in en


def test_user_text_is_escaped(client: FlaskClient, make_place: Callable[..., str]) -> None:
    slug = make_place(name_vi="<img src=x onerror=alert(1)>", description_vi="<script>x</script>")
    page = client.get(f"/places/{slug}").text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>x</script>" not in page


def test_unknown_place_is_a_translated_404(client: FlaskClient) -> None:
    vi = client.get("/places/khong-co")
    en = client.get("/en/places/khong-co")
    assert vi.status_code == en.status_code == 404
    assert "Không tìm thấy trang" in vi.text
    assert "Page not found" in en.text


def test_unexpected_error_is_a_translated_500(
    app, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tourroute.web.access import ROUTE_ACTIONS

    app.config["PROPAGATE_EXCEPTIONS"] = False
    monkeypatch.setitem(ROUTE_ACTIONS, "boom", "public.read")  # unlisted routes are refused

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("kaboom")

    vi = client.get("/boom")
    en = client.get("/en/boom")
    assert vi.status_code == en.status_code == 500
    assert "Đã xảy ra lỗi" in vi.text and "Something went wrong" in en.text
    assert "kaboom" not in vi.text


def test_places_lists_sights_unless_lodging_or_gateways_are_asked_for(
    app, client: FlaskClient
) -> None:
    app.config["PAGE_SIZE"] = 1000
    kinds = re.findall(r'<span class="meta">([^<·]+) ·', client.get("/en/places").text)
    assert len(kinds) > 100
    assert {k.strip() for k in kinds}.isdisjoint({"Overnight area", "Gateway"})
    lodging = re.findall(
        r'<span class="meta">([^<·]+) ·', client.get("/en/places?kind=lodging").text
    )
    assert len(lodging) >= 10 and {k.strip() for k in lodging} == {"Overnight area"}
    gateways = re.findall(
        r'<span class="meta">([^<·]+) ·', client.get("/en/places?kind=gateway").text
    )
    assert gateways and {k.strip() for k in gateways} == {"Gateway"}


def test_a_group_member_lists_its_site_not_drives_of_zero_minutes(client: FlaskClient) -> None:
    page = client.get("/places/den-ha-chua-thien-quang").text
    section = page.split('id="group-title"', 1)[1].split("</section>", 1)[0]
    assert "Thuộc Khu di tích Đền Hùng" in section and "/places/den-thuong-den-hung" in section
    nearby = page.split('id="nearby-title"', 1)[1]
    listed = nearby.split('class="place-list nearby-list"', 1)[1].split("</ul>", 1)[0]
    assert "/places/den-thuong-den-hung" not in listed and "0 phút" not in listed
    # still on the map, its popup naming the site (the map's script escapes the text as JSON)
    assert json.dumps("Thuộc Khu di tích Đền Hùng")[1:-1] in page
    assert page.count("/places/den-thuong-den-hung") >= 2  # the group's list and the map

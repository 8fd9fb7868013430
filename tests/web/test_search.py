"""Search: accents and case do not matter, better matches come first, HTML or JSON."""

import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient


def _slugs(client: FlaskClient, query: str) -> list[str]:
    response = client.get("/search", query_string={"q": query, "format": "json", "limit": 50})
    assert response.status_code == 200
    return [hit["slug"] for hit in response.get_json()["results"]]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("den hung", "den-hung"),
        ("Đền Hùng", "den-hung"),
        ("chua dau", "chua-dau-luy-lau"),
        ("tan cuong", "doi-che-tan-cuong"),
        ("doi lim", "doi-lim-lung-giang"),
    ],
)
def test_real_places_are_found_without_accents(client: FlaskClient, query: str, first: str) -> None:
    assert _slugs(client, query)[0] == first


def test_quan_ho_finds_the_quan_ho_villages(client: FlaskClient) -> None:
    response = client.get("/search?q=quan+ho&format=json&limit=50").get_json()
    kinds = [hit["kind"] for hit in response["results"]]
    assert len(kinds) >= 8 and kinds.count("quan_ho") >= 8


@pytest.mark.parametrize("variant", ["doi lim", "DOI LIM", "Đồi Lim", "đồi  lim"])
def test_accents_case_and_spaces_do_not_matter(client: FlaskClient, variant: str) -> None:
    assert _slugs(client, variant) == _slugs(client, "Đồi Lim") != []


def test_ranking_exact_then_prefix_then_word_then_anywhere(
    client: FlaskClient, make_place: Callable[..., str]
) -> None:
    names = {
        "anywhere": "Aqxv Bzwk",
        "word-prefix": "Zwkab Làng Qxvcd",
        "word": "Làng Qxv Zwk",
        "prefix": "Qxv Zwk Cổ",
        "exact": "Qxv Zwk",
    }
    for slug, name in names.items():
        make_place(slug=slug, name_vi=name, name_en="")
    assert _slugs(client, "qxv zwk") == ["exact", "prefix", "word", "word-prefix", "anywhere"]


def test_unpublished_places_are_not_found(
    client: FlaskClient, make_place: Callable[..., str]
) -> None:
    make_place(slug="shown", name_vi="Đền Hiện Qxvzwk")
    make_place(slug="hidden", name_vi="Đền Ẩn Qxvzwk", status="unpublished")
    assert _slugs(client, "qxvzwk") == ["shown"]


def test_json_when_the_client_asks_for_it(client: FlaskClient) -> None:
    response = client.get("/en/search?q=den+hung", headers={"Accept": "application/json"})
    assert response.mimetype == "application/json"
    hit = response.get_json()["results"][0]
    assert hit["name"] == "Hùng Kings' Temple Historic Site"
    assert hit["url"] == "/en/places/den-hung"
    assert hit["province"] == "phu-tho" and hit["kind"] == "heritage"
    assert "Accept" in response.headers["Vary"]


def test_html_by_default_with_links_in_the_page_language(client: FlaskClient) -> None:
    response = client.get("/search?q=den+hung", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.mimetype == "text/html"
    assert 'href="/places/den-hung"' in response.text
    found = re.search(r"Tìm thấy (\d+) địa điểm", response.text)
    hits = response.text.split('class="place-list search-results"')[1].count("<li")
    assert found and int(found[1]) == hits >= 1
    assert 'value="den hung"' in response.text


def test_no_results_and_empty_query(client: FlaskClient) -> None:
    assert "Không có địa điểm nào" in client.get("/search?q=zzzzqqq").text
    empty = client.get("/search?q=")
    assert empty.status_code == 200 and "search-results" not in empty.text
    assert client.get("/search?q=&format=json").get_json()["results"] == []


@pytest.mark.parametrize("query", ["q=" + "a" * 101, "q=x&format=xml", "q=x&format=json&limit=0"])
def test_bad_search_parameters_are_400(client: FlaskClient, query: str) -> None:
    assert client.get(f"/search?{query}").status_code == 400


def test_every_page_has_a_search_box(client: FlaskClient) -> None:
    page = client.get("/en/places").text
    assert '<form class="site-search" role="search" method="get" action="/en/search">' in page


def _kinds(client: FlaskClient, query: str) -> list[str]:
    response = client.get("/en/search", query_string={"q": query, "format": "json", "limit": 50})
    return [hit["kind"] for hit in response.get_json()["results"]]


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("tea", "tea"),
        ("chè", "tea"),
        ("pagoda", "spiritual"),
        ("chùa", "spiritual"),
        ("quan ho", "quan_ho"),
        ("xoan", "xoan"),
        ("museum", "museum"),
    ],
)
def test_a_kind_word_finds_that_kind_first(client: FlaskClient, query: str, kind: str) -> None:
    kinds = _kinds(client, query)
    assert kinds.count(kind) >= 3
    first_other = next((n for n, k in enumerate(kinds) if k != kind), len(kinds))
    assert kinds[:first_other] == [kind] * kinds.count(kind), "every match of the kind first"


def test_issue_queries_rank_whole_words_before_substrings(client: FlaskClient) -> None:
    tea = _slugs(client, "tea")
    assert tea.index("cao-nguyen-dong-cao") > max(
        n for n, kind in enumerate(_kinds(client, "tea")) if kind == "tea"
    )
    quan_ho = _slugs(client, "quan ho")
    theatre = quan_ho.index("nha-hat-dan-ca-quan-ho-bac-ninh")
    assert theatre < 3
    for substring_only in ("chua-pho-quang", "can-cu-tien-dong"):
        if substring_only in quan_ho:
            assert quan_ho.index(substring_only) > theatre


def test_sights_come_before_overnight_areas_at_the_same_rank(
    client: FlaskClient, make_place: Callable[..., str]
) -> None:
    make_place(slug="sight", name_vi="Làng Qxvzk", kind="heritage", interest=1)
    make_place(slug="night", name_vi="Làng Qxvzk", kind="lodging", interest=5)
    assert _slugs(client, "qxvzk") == ["sight", "night"]


def test_header_search_offers_suggestions_from_the_json_search(client: FlaskClient) -> None:
    page = client.get("/en/").text
    assert 'data-search-url="/en/search"' in page and 'id="site-suggest"' in page
    assert "js/suggest.js" in page and "js/site-search.js" in page

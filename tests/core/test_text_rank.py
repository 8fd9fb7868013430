"""Ranking names against a folded query: exact, prefix, word, word-prefix, anywhere."""

import pytest

from tourroute.core.text import fold, match_rank, query_kind


@pytest.mark.parametrize(
    ("query", "name", "rank"),
    [
        ("den hung", "Đền Hùng", 0),
        ("den hung", "Đền Hùng Lô", 1),
        ("den hung", "Khu di tích lịch sử Đền Hùng", 2),
        ("den hu", "Khu di tích Đền Hùng", 3),
        ("hung den", "Khu di tích Đền Hùng", 4),
        ("quan ho", "Chùa Phổ Quang (Xuân Hòa)", 5),
        ("tea", "Đồng Cao plateau", 6),
        ("ung en", "Đền Hùng", 6),
        ("den hue", "Đền Hùng", None),
        ("", "Đền Hùng", None),
    ],
)
def test_match_rank(query: str, name: str, rank: int | None) -> None:
    assert match_rank(fold(query), (fold(name),)) == rank


def test_the_best_of_several_names_counts() -> None:
    names = (fold("Khu di tích Đền Hùng"), fold("Hung Temple"))
    assert match_rank("hung", names) == 1


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("tea", "tea"),
        ("Chè Tân Cương", "tea"),
        ("chùa", "spiritual"),
        ("pagoda", "spiritual"),
        ("quan họ", "quan_ho"),
        ("hát Xoan", "xoan"),
        ("bảo tàng", "museum"),
        ("den hung", None),
        ("cheo", None),  # a whole word is needed: "che" inside "cheo" is no kind
    ],
)
def test_a_kind_word_in_the_query_names_the_kind(query: str, kind: str | None) -> None:
    assert query_kind(fold(query)) == kind

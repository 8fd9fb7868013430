"""Ranking names against a folded query: exact, prefix, word, word-prefix, anywhere."""

import pytest

from tourroute.core.text import fold, match_rank


@pytest.mark.parametrize(
    ("query", "name", "rank"),
    [
        ("den hung", "Đền Hùng", 0),
        ("den hung", "Đền Hùng Lô", 1),
        ("den hung", "Khu di tích lịch sử Đền Hùng", 2),
        ("hung den", "Khu di tích Đền Hùng", 3),
        ("ung en", "Đền Hùng", 4),
        ("den hue", "Đền Hùng", None),
        ("", "Đền Hùng", None),
    ],
)
def test_match_rank(query: str, name: str, rank: int | None) -> None:
    assert match_rank(fold(query), (fold(name),)) == rank


def test_the_best_of_several_names_counts() -> None:
    names = (fold("Khu di tích Đền Hùng"), fold("Hung Temple"))
    assert match_rank("hung", names) == 1

import pytest

from tourroute.core.duplicates import Located, likely_duplicates, names_alike


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        ("Chùa Dâu", "chua dau", True),
        ("Chùa Dâu", "Chùa Dâu Diên Ứng", True),
        ("Đồi Lim", "Doi Lim", True),
        ("Phường Xoan Phù Đức", "Phường Xoan Thét", False),
        ("Đền Mẫu Âu Cơ", "Ao Giời – Suối Tiên", False),
        ("", "Chùa Dâu", False),
    ],
)
def test_names_alike(a: str, b: str, alike: bool) -> None:
    assert names_alike(a, b) is alike


def test_likely_duplicates_needs_both_closeness_and_a_similar_name() -> None:
    here = Located("a", "Chùa Bút Tháp", 21.0, 106.0)
    twin_near = Located("b", "Chua But Thap", 21.0005, 106.0)  # ~55 m
    twin_far = Located("c", "Chùa Bút Tháp", 21.01, 106.0)  # ~1.1 km
    other_near = Located("d", "Đình Bảng", 21.0003, 106.0)
    found = likely_duplicates(here, [here, twin_near, twin_far, other_near], radius_km=0.1)
    assert [p.key for p in found] == ["b"]

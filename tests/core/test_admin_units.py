"""Old and 2025 communes from the vietnamadminunits package, read in place."""

import pytest

from tourroute.core import admin_units as au
from tourroute.core.errors import DataError


def test_an_unsplit_old_commune_converts_to_its_2025_successor() -> None:
    old = au.legacy_unit("08503")
    assert (old.ward, old.district) == ("Xã Hy Cương", "Thành phố Việt Trì")
    assert au.unit_2025_from_legacy("08503", "phu-tho").name == "Xã Hy Cương"


def test_a_merged_old_town_converts_to_the_merged_commune() -> None:
    assert au.unit_2025_from_legacy("09319", "bac-ninh").name == "Xã Tiên Du"  # Thị trấn Lim


def test_a_conversion_into_another_province_is_refused() -> None:
    with pytest.raises(DataError, match="not a 2025 unit of thai-nguyen"):
        au.unit_2025_from_legacy("08503", "thai-nguyen")


def test_unknown_codes_and_provinces_are_errors() -> None:
    with pytest.raises(DataError, match="no pre-2025 ward"):
        au.legacy_unit("99999")
    with pytest.raises(DataError, match="no 2025 unit list"):
        au.units_2025("hai-phong")


def test_the_old_ward_holding_a_town_point() -> None:
    unit = au.legacy_unit_at(21.18320, 106.06987)  # the Suối Hoa ward centroid itself
    assert unit is not None and unit.ward == "Phường Suối Hoa"
    assert au.legacy_unit_at(0.0, 0.0) is None

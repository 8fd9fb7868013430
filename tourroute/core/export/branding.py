"""How an agency dresses up the documents it hands to travellers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tourroute.core.errors import InvalidRequestError

_HEX = re.compile(r"#?([0-9a-fA-F]{6})")


@dataclass(frozen=True, slots=True)
class Branding:
    """An agency's name, logo (PNG bytes), contact line and accent colour (``#rrggbb``)."""

    agency_name: str
    logo_png: bytes | None = None
    contact: str = ""
    accent_hex: str = "#1f6f5c"

    def accent_rgb(self) -> tuple[int, int, int]:
        """The accent colour as 0–255 channels; refuses anything but six hex digits."""
        match = _HEX.fullmatch(self.accent_hex.strip())
        if match is None:
            raise InvalidRequestError(
                "accent colour must look like #1f6f5c (six hex digits)", field="accent_hex"
            )
        digits = match.group(1)
        return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


#: Used when the caller brings no branding of its own.
DEFAULT_BRANDING = Branding(agency_name="TourRoute")

"""Text that XML 1.0 can carry.

Escaping handles ``<``, ``&`` and quotes, but control characters such as ``\\x07`` are not allowed
in XML at all, escaped or not: one stray byte in a place name would make the whole GPX, KML or
XLSX file unreadable. They are dropped instead.
"""

from __future__ import annotations

import re

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)

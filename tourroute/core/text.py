"""Text folding for Vietnamese search.

Travellers type "den hung" for "Đền Hùng": folding both the query and the names to lowercase
ASCII (dropping tone and vowel marks, mapping đ to d) makes matching diacritics-insensitive
while the stored names keep their proper spelling.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase ASCII with marks removed and punctuation collapsed to single spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", stripped.lower()).strip()

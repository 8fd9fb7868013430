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


def match_rank(query: str, names: tuple[str, ...]) -> int | None:
    """How well a folded ``query`` matches the best of some folded ``names``; lower is better.

    0: a name is the query; 1: a name starts with it; 2: it starts at a word of a name;
    3: each query word starts a word of one name; 4: each query word occurs somewhere.
    None when some query word occurs in no name at all.
    """
    words = query.split()
    if not words:
        return None
    best: int | None = None
    for name in names:
        name_words = name.split()
        if name == query:
            rank = 0
        elif name.startswith(query):
            rank = 1
        elif f" {query}" in f" {name}":
            rank = 2
        elif all(any(w.startswith(q) for w in name_words) for q in words):
            rank = 3
        elif all(q in name for q in words):
            rank = 4
        else:
            continue
        best = rank if best is None else min(best, rank)
    return best


def one_line(raw: object, *, maximum: int) -> str | None:
    """``raw`` as one line (runs of white space made one space), or None if empty or too long.

    Names and titles typed into forms arrive with stray spaces and line breaks; every form
    cleans them the same way before checking the length.
    """
    text = " ".join(str(raw).split())
    return text if text and len(text) <= maximum else None

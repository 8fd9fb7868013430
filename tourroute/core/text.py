"""Text folding and ranking for Vietnamese search.

Travellers type "den hung" for "Đền Hùng": folding both the query and the names to lowercase
ASCII (dropping tone and vowel marks, mapping đ to d) makes matching diacritics-insensitive
while the stored names keep their proper spelling. Ranking then prefers whole words to word
prefixes and word prefixes to substrings, so "tea" finds the tea hills before a "plateau",
and a query that names a kind of place ("pagoda", "chùa", "quan ho") finds that kind first.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")

#: Folded words a traveller uses for a kind of place, in either language -> the data's kind.
KIND_WORDS: dict[str, str] = {
    "tea": "tea",
    "che": "tea",
    "tra": "tea",
    "pagoda": "spiritual",
    "chua": "spiritual",
    "quan ho": "quan_ho",
    "xoan": "xoan",
    "hat xoan": "xoan",
    "museum": "museum",
    "bao tang": "museum",
    "craft village": "craft_village",
    "lang nghe": "craft_village",
}


def fold(text: str) -> str:
    """Lowercase ASCII with marks removed and punctuation collapsed to single spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", stripped.lower()).strip()


def query_kind(query: str) -> str | None:
    """The kind a folded ``query`` names with a whole word or phrase, longest phrase first."""
    padded = f" {query} "
    for phrase in sorted(KIND_WORDS, key=len, reverse=True):
        if f" {phrase} " in padded:
            return KIND_WORDS[phrase]
    return None


def _rank(query: str, words: list[str], name: str) -> int | None:
    name_words = name.split()
    padded = f" {name} "
    if name == query:
        return 0
    if name.startswith(f"{query} "):
        return 1
    if f" {query} " in padded:
        return 2
    if f" {query}" in padded:
        return 3
    if all(q in name_words for q in words):
        return 4
    if all(any(w.startswith(q) for w in name_words) for q in words):
        return 5
    if all(q in name for q in words):
        return 6
    return None


def match_rank(query: str, names: tuple[str, ...]) -> int | None:
    """How well a folded ``query`` matches the best of some folded ``names``; lower is better.

    0: a name is the query; 1: a name starts with the query's whole words; 2: the query's words
    stand together in a name; 3: they start at a word, the last one a prefix ("den hu");
    4: each query word is a word of one name; 5: each starts a word of it; 6: each occurs
    somewhere, even inside a word ("tea" in "plateau"). None when some word occurs nowhere.
    """
    words = query.split()
    if not words:
        return None
    ranks = [r for r in (_rank(query, words, name) for name in names) if r is not None]
    return min(ranks, default=None)


def one_line(raw: object, *, maximum: int) -> str | None:
    """``raw`` as one line (runs of white space made one space), or None if empty or too long.

    Names and titles typed into forms arrive with stray spaces and line breaks; every form
    cleans them the same way before checking the length.
    """
    text = " ".join(str(raw).split())
    return text if text and len(text) <= maximum else None

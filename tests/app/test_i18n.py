"""Translations: every visible string has a Vietnamese translation; the URL scheme works."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tourroute.i18n import locale_from_script_root, switch_url

ROOT = Path(__file__).resolve().parents[2]


def _catalog(locale: str):
    with (ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f)


def _source_msgids() -> set[str]:
    method_map = [("tourroute/**.py", "python"), ("templates/**.html", "jinja2")]
    keywords = {
        "_": None,
        "N_": None,
        "gettext": None,
        "ngettext": (1, 2),
        "_l": None,
        "lazy_gettext": None,
    }
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_visible_string_has_a_vietnamese_translation() -> None:
    catalog = _catalog("vi")
    missing = []
    for msgid in sorted(_source_msgids()):
        message = catalog.get(msgid)
        strings = (
            []
            if message is None
            else ([message.string] if isinstance(message.string, str) else list(message.string))
        )
        if message is None or not all(strings) or message.fuzzy:
            missing.append(msgid)
    assert missing == [], f"untranslated (run `make messages` and translate): {missing}"


def test_language_is_read_from_the_script_root() -> None:
    assert locale_from_script_root("") == "vi"
    assert locale_from_script_root("/en") == "en"
    assert locale_from_script_root("/app/en") == "en"


def test_switch_url_adds_or_drops_the_prefix() -> None:
    assert switch_url("/places", "kind=tea", base_root="", locale="en") == "/en/places?kind=tea"
    assert switch_url("/places", "", base_root="", locale="vi") == "/places"

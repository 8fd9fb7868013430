"""Field types that pages and API share, for the query and body models of ``web.inputs``."""

from __future__ import annotations

from typing import Annotated

from tourroute import i18n
from tourroute.core.domain import KINDS
from tourroute.services import catalogue
from tourroute.web.inputs import Chars, OneOf, Whole

MAX_PAGE = 10_000
SLUG_CHARS = 200

Kind = Annotated[str, OneOf(tuple(KINDS))]
ProvinceCode = Annotated[str, OneOf(catalogue.province_codes)]
ThemeSlug = Annotated[str, OneOf(catalogue.theme_slugs)]
Lang = Annotated[str, OneOf(tuple(i18n.LOCALES))]
Page = Annotated[int, Whole(1, MAX_PAGE)]
#: An id or slug typed by a client: never longer than any we make.
Slug = Annotated[str, Chars(SLUG_CHARS)]

"""Bulk import of a province's places: preview every problem, then apply all or nothing.

The file is parsed and checked by the pure core (:mod:`tourroute.core.place_import`); this
module supplies the catalogue to check against and turns an accepted file into drafts awaiting
review — imported places are reviewed like any other change, never published directly.
"""

from __future__ import annotations

from tourroute.core.place_import import (
    MAX_ROWS,
    ImportReport,
    check_import,
    declared_format,
    parse_upload,
)
from tourroute.extensions import db
from tourroute.models import PlaceDraft, User
from tourroute.services import audit
from tourroute.services.curation import warning_records
from tourroute.services.place_checks import place_context


def preview_import(
    data: bytes, *, filename: str, province: str, locale: str, max_rows: int = MAX_ROWS
) -> ImportReport:
    """Every problem of the file, by line or feature and field; nothing is written.

    Raises
    ------
    UploadError
        When the file is not the declared format at all.
    """
    fmt = declared_format(filename)
    rows = parse_upload(data, filename=filename, max_rows=max_rows)
    return check_import(rows, place_context(province, locale=locale), fmt=fmt)


def apply_import(author: User, report: ImportReport, *, province: str) -> list[PlaceDraft]:
    """Drafts (submitted for review) for every row of an error-free report.

    Everything is added in the caller's one transaction, so a failure anywhere leaves nothing.
    """
    if not report.ok:
        raise ValueError("only an error-free import can be applied")
    drafts = [
        PlaceDraft(
            place_id=None,
            slug=row.fields["slug"],
            province_code=province,
            fields=row.fields,
            warnings=warning_records(row.warnings),
            status="submitted",
            origin="import",
            author_id=author.id,
        )
        for row in report.rows
    ]
    db.session.add_all(drafts)
    db.session.flush()
    audit.record(
        author, "import.apply", "province", province, format=report.format, drafts=len(drafts)
    )
    return drafts

"""``/curate/data``: the completeness of the catalogue, the curators' work queue.

Its own small blueprint beside :mod:`tourroute.web.curation`, so the data work and the draft
workflow do not edit the same module. A curator sees their own province; an admin sees all.
"""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from tourroute.core.completeness import FIELDS
from tourroute.core.policy import Target
from tourroute.extensions import db
from tourroute.labels import DATA_FACT_LABELS
from tourroute.services.data_report import data_report
from tourroute.web.access import require

bp = Blueprint("curate_data", __name__, url_prefix="/curate")


@bp.get("/data")
def report() -> str:
    user = current_user._get_current_object()
    province = user.province_code if user.role_name == "curator" else None
    require("curation.view", Target(province=province))
    return render_template(
        "curation/data_report.html",
        report=data_report(db.session(), province=province),
        facts=FIELDS,
        fact_labels=DATA_FACT_LABELS,
    )

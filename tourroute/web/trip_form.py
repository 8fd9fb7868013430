"""The trip builder's form: what a traveller may ask, checked before the planner sees it.

Must-include and exclude are plain text fields of slugs or names, resolved on submit, so the
form works without JavaScript; ``static/js/trip-builder.js`` only adds search-as-you-type.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TimeField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from tourroute import labels
from tourroute.core.domain import PACE_FACTORS, VISIT_KINDS
from tourroute.core.network import TRIP_SCENARIOS
from tourroute.core.planner.trip_rules import MAX_DAYS

MAX_NAMES_CHARS = 1000

#: The planner's limit on days, said in the page's language.
DAYS_MESSAGE = _l("Choose from 1 to %(maximum)d days.", maximum=MAX_DAYS)


class CheckboxesField(SelectMultipleField):  # type: ignore[misc]  # wtforms is untyped
    """A multiple choice shown as ticked boxes rather than a list box."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class PlanForm(FlaskForm):  # type: ignore[misc]  # flask-wtf is untyped
    theme = SelectField(_l("Theme"), validators=[Optional()])
    start_date = DateField(
        _l("Start date"),
        validators=[InputRequired(message=_l("Enter the first day of the trip."))],
    )
    days = IntegerField(
        _l("Number of days"),
        default=3,
        validators=[
            InputRequired(message=_l("Enter a number of days.")),
            NumberRange(min=1, max=MAX_DAYS, message=DAYS_MESSAGE),
        ],
    )
    start = SelectField(_l("Start from"), validators=[DataRequired()])
    end = SelectField(_l("End at"), validators=[Optional()])
    pace = SelectField(
        _l("Pace"),
        choices=[SelectChoice(p, labels.PACE_LABELS[p]) for p in PACE_FACTORS],
        default="normal",
    )
    day_start = TimeField(
        _l("Daily start time"),
        default=dt.time(8, 0),
        validators=[InputRequired(message=_l("Enter a time such as 08:00."))],
    )
    favour_kinds = CheckboxesField(
        _l("Kinds to favour"), choices=[SelectChoice(k, labels.KIND_LABELS[k]) for k in VISIT_KINDS]
    )
    include = StringField(
        _l("Must include"),
        validators=[Length(max=MAX_NAMES_CHARS)],
        description=_l("Places to keep in the trip, separated by commas (names or slugs)."),
    )
    exclude = StringField(
        _l("Leave out"),
        validators=[Length(max=MAX_NAMES_CHARS)],
        description=_l("Places not to visit, separated by commas (names or slugs)."),
    )
    festivals = BooleanField(_l("Include festivals on their dates"))
    scenario = SelectField(
        _l("Roads"),
        choices=[SelectChoice(s, labels.SCENARIO_LABELS[s]) for s in TRIP_SCENARIOS],
        default="today",
    )


def make_plan_form(*, themes: list[tuple[str, str]], endpoints: list[tuple[str, str]]) -> PlanForm:
    """The form with its choices: ``(value, label)`` pairs already in the page's language."""
    form = PlanForm()
    form.theme.choices = [("", _l("No theme: the best places anywhere")), *themes]
    form.start.choices = endpoints
    form.end.choices = [("", _l("Back where the trip started")), *endpoints]
    return form


def split_names(text: str) -> list[str]:
    """The comma-separated entries of a names field, blanks dropped."""
    return [part.strip() for part in text.split(",") if part.strip()]


def prefill(form: PlanForm, args: Mapping[str, str]) -> None:
    """Start an unsubmitted form from a link's query (the festival calendar's "plan a trip").

    Only fields the link may set are read, and a value the form would refuse is ignored: the
    traveller still sees and checks every field before planning.
    """
    with contextlib.suppress(ValueError):
        form.start_date.data = dt.date.fromisoformat(args.get("start_date", ""))
    days = args.get("days", "")
    if days.isdigit() and 1 <= int(days) <= MAX_DAYS:
        form.days.data = int(days)
    include = args.get("include", "")
    if include and len(include) <= MAX_NAMES_CHARS:
        form.include.data = include
    if args.get("festivals") == "1":
        form.festivals.data = True
    if args.get("scenario") in TRIP_SCENARIOS:
        form.scenario.data = args["scenario"]

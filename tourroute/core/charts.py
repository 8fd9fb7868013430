"""Small bar charts as SVG text, drawn on the server: no script, no outside asset, and every
label escaped, so a chart is as safe to inline in a page as the text beside it."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

_BAR_PX = 18
_GAP_PX = 6
_LABEL_PX = 220
_WIDTH_PX = 640
_VALUE_PX = 48


def bar_chart_svg(bars: Sequence[tuple[str, float]], *, title: str) -> str:
    """Horizontal bars, one per ``(label, value)``, longest for the largest value.

    ``title`` is the chart's accessible name (``<title>`` and ``aria-label``).
    """
    plot = _WIDTH_PX - _LABEL_PX - _VALUE_PX
    largest = max((value for _, value in bars), default=0) or 1
    height = max(1, len(bars)) * (_BAR_PX + _GAP_PX) + _GAP_PX
    safe_title = escape(title, {'"': "&quot;"})
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {_WIDTH_PX} {height}" width="{_WIDTH_PX}" height="{height}" '
        f'aria-label="{safe_title}"><title>{safe_title}</title>'
    ]
    for index, (text, value) in enumerate(bars):
        y = _GAP_PX + index * (_BAR_PX + _GAP_PX)
        length = plot * value / largest
        label = text if len(text) <= 34 else text[:33] + "…"
        parts.append(
            f'<text x="{_LABEL_PX - 6}" y="{y + _BAR_PX - 5}" text-anchor="end" '
            f'class="chart-label">{escape(label)}</text>'
            f'<rect x="{_LABEL_PX}" y="{y}" width="{length:.1f}" height="{_BAR_PX}" '
            f'class="chart-bar"/>'
            f'<text x="{_LABEL_PX + length + 4:.1f}" y="{y + _BAR_PX - 5}" '
            f'class="chart-value">{value:g}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)

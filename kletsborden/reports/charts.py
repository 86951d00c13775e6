"""Horizontal bar charts of a report, laid out here and drawn as SVG by a Jinja macro.

Each chart carries its title and a one-sentence description (for ``<title>``/``<desc>``, which
``aria-labelledby`` names), and its rows, so the page can give the same numbers as a table.
Bars are told apart by their text label, never by colour alone; colours are presentation
attributes (the CSP allows no inline styles) that admin.css may override for dark mode.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..i18n import translate
from .figures import Reflection, Totals

WIDTH = 480  # about the width it is shown at, so 16 units of text are 16 pixels
# Each row is a label line with its bar below it, so a long label ("Kaart vervangen door de
# gespreksleider") never runs into its bar, at any width: the whole image scales as one.
LABEL_LINE = 22  # the label's line; its text sits on the line's baseline
BAR_HEIGHT = 22
ROW_GAP = 12
ROW_HEIGHT = LABEL_LINE + BAR_HEIGHT + ROW_GAP
LABEL_WIDTH = 0  # where bars start: under their label, at the left edge
VALUE_ROOM = 48  # room after the longest bar for its number
BAR_ROOM = WIDTH - LABEL_WIDTH - VALUE_ROOM
# The senses' colours as in static/css/base.css (light theme); other bars use the accent.
FILLS = {"horen": "#0f6b5c", "zien": "#8a4b00", "voelen": "#7a2a6e"}
ACCENT = "#0b4f7c"


@dataclass(frozen=True)
class Bar:
    key: str  # what the bar counts (a sense, an outcome, an answer): its CSS class
    label: str
    value: int
    y: int  # top of its row
    length: float  # in the chart's units; 0 draws no bar, the number still shows

    @property
    def fill(self) -> str:
        return FILLS.get(self.key, ACCENT)

    @property
    def label_baseline(self) -> float:
        return self.y + LABEL_LINE - 6

    @property
    def bar_top(self) -> float:
        return self.y + LABEL_LINE

    @property
    def middle(self) -> float:
        """The middle of the bar, where its number stands."""
        return self.bar_top + BAR_HEIGHT / 2


@dataclass(frozen=True)
class BarChart:
    id: str  # unique on the page; its title and description get ``-title`` and ``-desc``
    title: str
    description: str
    label_heading: str  # the data table's column headings
    value_heading: str
    bars: tuple[Bar, ...]

    width = WIDTH
    label_width = LABEL_WIDTH
    bar_height = BAR_HEIGHT

    @property
    def height(self) -> int:
        return ROW_HEIGHT * max(1, len(self.bars)) - ROW_GAP


def bar_chart(
    chart_id: str,
    title: str,
    rows: Sequence[tuple[str, str, int]],
    *,
    label_heading: str,
    value_heading: str,
) -> BarChart:
    """A chart of (key, label, value) rows; the longest bar is the largest value."""
    largest = max((value for _, _, value in rows), default=0) or 1
    bars = tuple(
        Bar(key, label, value, index * ROW_HEIGHT, round(BAR_ROOM * value / largest, 1))
        for index, (key, label, value) in enumerate(rows)
    )
    description = "; ".join(f"{bar.label}: {bar.value}" for bar in bars) + "."
    return BarChart(chart_id, title, description, label_heading, value_heading, bars)


def cards_chart(totals: Totals, lang: str, prefix: str) -> BarChart:
    rows = [(s.sense, translate(f"ui.sense.{s.sense}", lang), s.total) for s in totals.cards]
    return bar_chart(
        f"{prefix}-cards",
        translate("admin.reports.cards_title", lang),
        rows,
        label_heading=translate("admin.reports.sense", lang),
        value_heading=translate("admin.reports.cards", lang),
    )


def outcomes_chart(totals: Totals, lang: str, prefix: str) -> BarChart:
    rows = [
        (outcome, translate(f"admin.reports.outcome.{outcome}", lang), value)
        for outcome, value in totals.outcomes
    ]
    return bar_chart(
        f"{prefix}-outcomes",
        translate("admin.reports.outcomes_title", lang),
        rows,
        label_heading=translate("admin.reports.outcome_heading", lang),
        value_heading=translate("admin.reports.times", lang),
    )


def reflection_charts(reflection: Reflection, lang: str, prefix: str) -> list[BarChart]:
    """One chart per question, or none at all when the small-group rule hides the answers."""
    return [
        bar_chart(
            f"{prefix}-reflection-{question}",
            translate(f"admin.reports.question.{question}", lang),
            [
                (answer, translate(f"admin.reports.answer.{answer}", lang), count)
                for answer, count in answers
            ],
            label_heading=translate("admin.reports.answer_heading", lang),
            value_heading=translate("admin.reports.people", lang),
        )
        for question, answers in reflection.answers or ()
    ]

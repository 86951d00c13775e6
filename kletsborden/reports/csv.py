"""Reports as CSV for a spreadsheet: the same figures and the same small-group rule as the pages.

Every text cell that a spreadsheet could read as a formula (starting with = + - @, a tab or a
carriage return) gets a leading apostrophe (spreadsheet_cells.py, shared with the card export),
so a label such as ``=HYPERLINK(...)`` stays text.
Headings are in the reader's language; the file starts with a byte order mark so spreadsheets
read it as UTF-8. Cells are separated by ',' or, for Dutch Excel (which splits on ';' when
a file is double-clicked), by ';'.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from ..config import DEPTHS, MIN_REFLECTION_RESPONDENTS
from ..engine.state import REFLECTION_QUESTIONS, REFLECTION_SCALE, SENSES
from ..i18n import translate
from ..spreadsheet_cells import neutralise
from .figures import OUTCOMES, Overview, Reflection, SessionReport, Totals


def _write(rows: Iterable[list[object]], delimiter: str = ",") -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def _headings(lang: str) -> list[str]:
    def t(key: str) -> str:
        return translate(f"admin.reports.{key}", lang)

    senses = [translate(f"ui.sense.{s}", lang) for s in SENSES]
    return [
        t("csv.row"),
        t("csv.started"),
        t("csv.facilitator"),
        t("label"),
        t("csv.template"),
        t("csv.language"),
        t("sessions"),
        t("csv.minutes"),
        t("csv.planned_minutes"),
        t("participant_minutes"),
        t("players"),
        t("deviceless"),
        t("cards"),
        *[f"{s}: {translate(f'admin.depth.{d}', lang)}" for s in senses for d in DEPTHS],
        *[t(f"outcome.{outcome}") for outcome in OUTCOMES],
        t("topic_signals"),
        t("csv.languages"),
        t("respondents"),
        t("csv.withheld"),
        t("csv.pending"),
        t("csv.reflection"),
        *[
            f"{t(f'question.{q}')}: {t(f'answer.{a}')}"
            for q in REFLECTION_QUESTIONS
            for a in REFLECTION_SCALE
        ],
    ]


def _status(reflection: Reflection) -> str:
    """The reflection cell: shown, or why not (the same notes as the pages)."""
    if reflection.shown:
        return "admin.reports.csv.shown"
    if reflection.withheld:
        return "admin.reports.too_few"
    return "admin.reports.not_settled" if reflection.pending else "admin.reports.nobody"


def _figures(totals: Totals, lang: str) -> list[object]:
    by_sense = {sense.sense: sense for sense in totals.cards}
    reflection = totals.reflection
    counts = dict(reflection.answers or ())
    return [
        totals.sessions,
        totals.minutes,
        totals.planned_minutes,
        totals.participant_minutes,
        totals.players,
        totals.deviceless,
        totals.cards_drawn,
        *[
            by_sense[s].by_depth[i] if s in by_sense else 0
            for s in SENSES
            for i in range(len(DEPTHS))
        ],
        *[value for _, value in totals.outcomes],
        totals.topic_signals,
        # "nl 4, ar 2": players per language (a session counts in each language it spoke).
        ", ".join(f"{f.language} {f.players}" for f in totals.languages),
        reflection.respondents,
        reflection.withheld,
        reflection.pending,
        translate(_status(reflection), lang, min=MIN_REFLECTION_RESPONDENTS),
        *[
            dict(counts[q])[a] if reflection.shown else ""
            for q in REFLECTION_QUESTIONS
            for a in REFLECTION_SCALE
        ],
    ]


def _session_row(report: SessionReport, lang: str) -> list[object]:
    return [
        translate("admin.reports.csv.session", lang),
        report.started_at.strftime("%Y-%m-%d %H:%M"),
        report.facilitator or "",
        report.label or "",
        report.template or "",
        report.language,
        *_figures(report.totals, lang),
    ]


def session_csv(report: SessionReport, lang: str, delimiter: str = ",") -> str:
    return _write([_headings(lang), _session_row(report, lang)], delimiter)


def overview_csv(overview: Overview, lang: str, delimiter: str = ",") -> str:
    """Every session, then a row per group (facilitator and label) and one for all of them."""

    def rows() -> Iterator[list[object]]:
        yield _headings(lang)
        for group in overview.groups:
            for report in group.sessions:
                yield _session_row(report, lang)
        for group in overview.groups:
            yield [
                translate("admin.reports.csv.group", lang),
                "",
                group.facilitator or "",
                group.label or "",
                "",
                "",
                *_figures(group.totals, lang),
            ]
        everything = translate("admin.reports.csv.all", lang)
        yield [everything, "", "", "", "", "", *_figures(overview.totals, lang)]

    return _write(rows(), delimiter)

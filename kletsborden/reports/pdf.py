"""A report as PDF: the same content as the page, as a document to hand to a funder.

What the report is about on top (organisation, period, group), then the headline figures, the
trend per month, the cards per sense and depth, the turns, and the reflection (or why it is not
shown). Charts are given as their tables, which say the same. Only the Vera fonts that ship with
reportlab are used, and they are embedded, also in the page preamble (no Helvetica).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from ..config import DEPTHS, MIN_REFLECTION_RESPONDENTS
from ..i18n import translate
from ..languages import language_label
from ..printing.fonts import BOLD, REGULAR, printable, register_fonts
from ..printing.shaping import shaped, visual
from .figures import Month, Totals

BRAND = "Kletsborden"


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=11, leading=15, spaceAfter=4)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=18, leading=23),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=BOLD, fontSize=13, leading=17, spaceBefore=10
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=12),
    }


def _text(value: object) -> str:
    """People's text (labels, names) as escaped, printable paragraph text."""
    return escape(printable(str(value)))


def _table(rows: Sequence[Sequence[object]], header: bool = True) -> Table:
    table = Table([[printable(str(cell)) for cell in row] for row in rows], hAlign="LEFT")
    style = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8a8680")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (1, 1 if header else 0), (-1, -1), "RIGHT"),
    ]
    if header:
        style.append(("FONTNAME", (0, 0), (-1, 0), BOLD))
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#ece8e1")))
    table.setStyle(TableStyle(style))
    return table


def report_pdf(
    title: str,
    scope: Sequence[tuple[str, str]],
    totals: Totals,
    months: Sequence[Month],
    lang: str,
) -> bytes:
    """The PDF bytes of one report; ``scope`` is (heading, value) lines for the top."""
    register_fonts()

    def t(key: str, **params: object) -> str:
        return translate(f"admin.reports.{key}", lang, **params)

    styles = _styles()
    story: list[Flowable] = [Paragraph(_text(title), styles["title"])]
    for heading, value in scope:
        story.append(Paragraph(f"<b>{_text(heading)}:</b> {_text(value)}", styles["body"]))
    story.append(Spacer(1, 4 * mm))

    duration = t("minutes", count=totals.minutes)
    if totals.planned_minutes:
        duration += f" ({t('planned', count=totals.planned_minutes)})"
    players = t("players_value", players=totals.players, deviceless=totals.deviceless)
    story.append(
        _table(
            [
                [t("sessions"), totals.sessions],
                [t("participant_minutes"), totals.participant_minutes],
                [t("duration"), duration],
                [t("players"), players],
                [t("cards"), totals.cards_drawn],
                [t("topic_signals"), totals.topic_signals],
            ],
            header=False,
        )
    )
    story.append(Paragraph(_text(t("participant_minutes_hint")), styles["small"]))

    if len(months) > 1:
        story.append(Paragraph(_text(t("trend_title")), styles["heading"]))
        heads = ["month", "sessions", "players", "participant_minutes", "cards", "reflections"]
        story.append(
            _table(
                [[t(h) for h in heads]]
                + [
                    [
                        m.month,
                        m.totals.sessions,
                        m.totals.players,
                        m.totals.participant_minutes,
                        m.totals.cards_drawn,
                        m.totals.reflection.respondents,
                    ]
                    for m in months
                ]
            )
        )

    story.append(Paragraph(_text(t("cards_title")), styles["heading"]))
    depth_heads = [translate(f"admin.depth.{d}", lang) for d in DEPTHS]
    story.append(
        _table(
            [[t("sense"), *depth_heads, t("total")]]
            + [[translate(f"ui.sense.{s.sense}", lang), *s.by_depth, s.total] for s in totals.cards]
        )
    )

    story.append(Paragraph(_text(t("outcomes_title")), styles["heading"]))
    story.append(
        _table(
            [[t("outcome_heading"), t("times")]]
            + [[t(f"outcome.{name}"), value] for name, value in totals.outcomes]
        )
    )
    story.append(Paragraph(_text(t("outcomes_note")), styles["small"]))

    if totals.languages:
        story.append(Paragraph(_text(t("languages_title")), styles["heading"]))
        story.append(
            _table(
                [[t("language"), t("sessions"), t("players")]]
                + [
                    [
                        visual(shaped(language_label(f.language, lang)), rtl=False),
                        f.sessions,
                        f.players,
                    ]
                    for f in totals.languages
                ]
            )
        )

    story.append(Paragraph(_text(t("reflection_title")), styles["heading"]))
    story += _reflection(totals, t, styles)

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=printable(title),
        author=BRAND,
        creator=BRAND,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        initialFontName=REGULAR,  # else each page's preamble names Helvetica, never embedded
        invariant=True,
    )
    document.build(story)
    return buffer.getvalue()


def _reflection(totals: Totals, t, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The reflection counts, or the same notes as the page where they are not shown."""
    reflection = totals.reflection
    found: list[Flowable] = []
    if reflection.shown:
        answers = reflection.answers or ()
        heads = [t("question_heading"), *(t(f"answer.{a}") for a, _ in answers[0][1])]
        found.append(
            _table(
                [heads]
                + [
                    [t(f"question.{question}"), *(count for _, count in counts)]
                    for question, counts in answers
                ]
            )
        )
        found.append(
            Paragraph(_text(t("respondents_count", count=reflection.respondents)), styles["body"])
        )
        if reflection.withheld:
            note = t("withheld", count=reflection.withheld, min=MIN_REFLECTION_RESPONDENTS)
            found.append(Paragraph(_text(note), styles["body"]))
    elif reflection.withheld:
        found.append(Paragraph(_text(t("too_few", min=MIN_REFLECTION_RESPONDENTS)), styles["body"]))
    elif not reflection.pending:
        found.append(Paragraph(_text(t("nobody")), styles["body"]))
    if reflection.pending:
        found.append(Paragraph(_text(t("not_settled")), styles["body"]))
    return found

"""Report pages and their CSV: a facilitator sees their own sessions, an admin everyone's.

Who sees what is decided once (``_scope``) and handed to the store's query, so another
facilitator's session is simply not found (404), the same as one that does not exist.
"""

from __future__ import annotations

from datetime import datetime

from flask import Response, current_app, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from ..config import DEPTHS, MIN_REFLECTION_RESPONDENTS
from ..i18n import translate
from ..reports import figures
from ..reports.charts import BarChart, cards_chart, outcomes_chart, reflection_charts
from ..reports.csv import overview_csv, session_csv
from ..reports.filters import MAX_LABEL_LENGTH, Filters, display_zone, read_filters
from ..reports.pdf import report_pdf
from . import bp, database


def _scope() -> int | None:
    """The facilitator whose sessions this account may see; None: an admin sees them all."""
    return None if g.admin.edits_decks else g.admin.id


def _filters() -> tuple[Filters, dict[str, str]]:
    return read_filters(request.args)


def _organisation() -> str:
    return current_app.config.get("KLETSBORDEN_ORGANISATION") or ""


def _scope_of(filters: Filters) -> list[tuple[str, str, str]]:
    """(key, heading, value) of what a report is about, for the page top and the PDF alike."""

    def t(key: str, **params: object) -> str:
        return translate(f"admin.reports.{key}", g.lang, **params)

    if filters.start or filters.end:
        start = filters.start.strftime("%d-%m-%Y") if filters.start else t("period_open")
        end = filters.end.strftime("%d-%m-%Y") if filters.end else t("period_today")
        period = t("period_range", start=start, end=end)
    else:
        period = t("period_all")
    lines = [("organisation", t("organisation"), _organisation())] if _organisation() else []
    lines.append(("period", t("period"), period))
    lines.append(("label", t("label"), filters.label or t("all_labels")))
    return lines


def _charts(totals: figures.Totals, prefix: str) -> list[BarChart]:
    return [
        cards_chart(totals, g.lang, prefix),
        outcomes_chart(totals, g.lang, prefix),
        *reflection_charts(totals.reflection, g.lang, prefix),
    ]


def _render(template: str, **context: object) -> str:
    return render_template(
        template,
        depths=DEPTHS,
        min_respondents=MIN_REFLECTION_RESPONDENTS,
        organisation=_organisation(),
        **context,
    )


# ?sep= of a CSV download: "semicolon" is what Dutch Excel opens with a double click.
SEPARATORS = {"comma": ",", "semicolon": ";"}


def _separator() -> str:
    return SEPARATORS.get(request.args.get("sep", ""), ",")


def _download(content: str | bytes, mimetype: str, filename: str) -> Response:
    return Response(
        content,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _csv(content: str, filename: str) -> Response:
    return _download(content, "text/csv", filename)


@bp.get("/reports")
def reports() -> tuple[str, int]:
    filters, faults = _filters()
    found = None if faults else figures.overview(database(), filters, facilitator_id=_scope())
    page = _render(
        "admin/reports.html",
        overview=found,
        charts=_charts(found.totals, "all") if found else [],
        filters=filters,
        scope=_scope_of(filters),
        values=request.args,
        faults=faults,
        sees_all=_scope() is None,
        max_label=MAX_LABEL_LENGTH,
    )
    return page, 400 if faults else 200


@bp.get("/reports/sessions.csv")
def reports_csv() -> Response | tuple[str, int]:
    filters, faults = _filters()
    if faults:
        return reports()
    found = figures.overview(database(), filters, facilitator_id=_scope())
    today = datetime.now(display_zone()).date()
    content = overview_csv(found, g.lang, _separator())
    return _csv(content, f"kletsborden-sessions-{today}.csv")


def _pdf(content: bytes, filename: str) -> Response:
    return _download(content, "application/pdf", filename)


@bp.get("/reports.pdf")
def reports_pdf() -> Response | tuple[str, int]:
    """The overview as a PDF: what it is about, the totals and the trend per month."""
    filters, faults = _filters()
    if faults:
        return reports()
    found = figures.overview(database(), filters, facilitator_id=_scope())
    title = translate("admin.reports.title", g.lang)
    scope = [(heading, value) for _key, heading, value in _scope_of(filters)]
    content = report_pdf(title, scope, found.totals, found.months, g.lang)
    today = datetime.now(display_zone()).date()
    return _pdf(content, f"kletsborden-verslag-{today}.pdf")


@bp.get("/reports/cards")
def card_report() -> tuple[str, int]:
    """Per-card figures over everyone's sessions, for admins (the route is not for others)."""
    filters, faults = _filters()
    found = None if faults else figures.card_figures(database(), filters)
    page = _render(
        "admin/reports_cards.html",
        found=found,
        scope=_scope_of(filters),
        faults=faults,
    )
    return page, 400 if faults else 200


@bp.get("/reports/rooms/<code>")
def room_report(code: str) -> WerkzeugResponse | tuple[str, int]:
    """Where the host's end screen links to: the report of the session played in that room."""
    session_id = figures.room_session_id(database(), code[:16])
    if session_id is None:
        return _not_found()
    return redirect(url_for("admin.session_report", session_id=session_id))


def _not_found() -> tuple[str, int]:
    """Missing, never played, or someone else's: the same page, so nothing is given away."""
    return render_template("admin/error.html", reason="report_not_found", status=404), 404


@bp.get("/reports/sessions/<int(max=2147483647):session_id>")
def session_report(session_id: int) -> str | tuple[str, int]:
    report = figures.session_report(database(), session_id, facilitator_id=_scope())
    if report is None:
        return _not_found()
    charts = _charts(report.totals, "session")
    return _render("admin/reports_session.html", report=report, charts=charts)


@bp.get("/reports/sessions/<int(max=2147483647):session_id>.csv")
def session_report_csv(session_id: int) -> Response | tuple[str, int]:
    report = figures.session_report(database(), session_id, facilitator_id=_scope())
    if report is None:
        return _not_found()
    content = session_csv(report, g.lang, _separator())
    return _csv(content, f"kletsborden-session-{report.id}.csv")


@bp.get("/reports/sessions/<int(max=2147483647):session_id>.pdf")
def session_report_pdf(session_id: int) -> Response | tuple[str, int]:
    report = figures.session_report(database(), session_id, facilitator_id=_scope())
    if report is None:
        return _not_found()

    def t(key: str) -> str:
        return translate(f"admin.reports.{key}", g.lang)

    when = report.started_at.strftime("%d-%m-%Y %H:%M")
    title = translate("admin.reports.session_title", g.lang, date=when)
    scope = [(t("organisation"), _organisation())] if _organisation() else []
    scope += [
        (t("label"), report.label or t("no_label")),
        (t("facilitator"), report.facilitator or t("no_facilitator")),
    ]
    if report.template:
        scope.append((t("template"), report.template))
    content = report_pdf(title, scope, report.totals, (), g.lang)
    return _pdf(content, f"kletsborden-session-{report.id}.pdf")

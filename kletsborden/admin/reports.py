"""Report pages and their CSV: a facilitator sees their own sessions, an admin everyone's.

Who sees what is decided once (``_scope``) and handed to the store's query, so another
facilitator's session is simply not found (404), the same as one that does not exist.
"""

from __future__ import annotations

from datetime import datetime

from flask import Response, current_app, g, render_template, request

from ..config import DEPTHS, MIN_REFLECTION_RESPONDENTS
from ..reports import figures
from ..reports.charts import BarChart, cards_chart, outcomes_chart, reflection_charts
from ..reports.csv import overview_csv, session_csv
from ..reports.filters import MAX_LABEL_LENGTH, Filters, display_zone, read_filters
from . import bp, database


def _scope() -> int | None:
    """The facilitator whose sessions this account may see; None: an admin sees them all."""
    return None if g.admin.edits_decks else g.admin.id


def _filters() -> tuple[Filters, dict[str, str]]:
    return read_filters(request.args)


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
        organisation=current_app.config.get("KLETSBORDEN_ORGANISATION") or "",
        **context,
    )


# ?sep= of a CSV download: "semicolon" is what Dutch Excel opens with a double click.
SEPARATORS = {"comma": ",", "semicolon": ";"}


def _separator() -> str:
    return SEPARATORS.get(request.args.get("sep", ""), ",")


def _csv(content: str, filename: str) -> Response:
    return Response(
        content,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/reports")
def reports() -> tuple[str, int]:
    filters, faults = _filters()
    found = None if faults else figures.overview(database(), filters, facilitator_id=_scope())
    page = _render(
        "admin/reports.html",
        overview=found,
        charts=_charts(found.totals, "all") if found else [],
        filters=filters,
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

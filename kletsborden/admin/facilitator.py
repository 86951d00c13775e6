"""A facilitator's pages: their session templates (make, change, delete), the shipped ones,
a "start a session" link per template, and their past sessions with links to the reports.

Admins may facilitate too: the same pages are in their menu. Every template here belongs to
the logged-in account; ids of other accounts' templates are simply not found.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, g, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from .. import session_templates as service
from ..config import MAX_CARD_REF_LENGTH, MAX_TEMPLATE_NAME_LENGTH, SENSES
from ..deck_editor import EditorError
from ..deck_editor.editions import list_editions
from ..engine import Answering, Settings
from ..engine.state import PlayMode
from ..payloads import whole_number
from . import bp, database, notify
from .forms import field_errors

ANSWERING = tuple(mode.value for mode in Answering)
TIMERS = (60, 120, 180, 300)


def report_url(session_id: int) -> str | None:
    """The report of one session, once the reports pages exist in this app."""
    if "admin.session_report" not in current_app.view_functions:
        return None
    return url_for("admin.session_report", session_id=session_id)


def reports_url() -> str | None:
    return url_for("admin.reports") if "admin.reports" in current_app.view_functions else None


def facilitator_page() -> str:
    """The start page of a facilitator (and, from the menu, of an admin who facilitates)."""
    db = database()
    return render_template(
        "admin/facilitator.html",
        own=service.list_own(db, g.admin.id),
        shipped=service.shipped_templates(g.lang),
        sessions=service.past_sessions(db, g.admin.id),
        printable=[e for e in list_editions(db) if e.status == "published" and e.cards],
        report_url=report_url,
        reports_url=reports_url(),
    )


@bp.get("/facilitate")
def facilitate() -> str:
    return facilitator_page()


def _number(text: str | None) -> int | None:
    """A whole number typed in a form; empty is None, anything else odd is -1 (refused later)."""
    text = (text or "").strip()
    if not text:
        return None
    number = whole_number(text, 6)
    return -1 if number is None else number


def _settings(form: MultiDict[str, str]) -> Settings:
    """The form as settings; whether they make sense is checked by the service."""
    answering: Any = form.get("answering", "")
    if answering in ANSWERING:
        answering = Answering(answering)
    excluded = [v for v in form.getlist("excluded_cards") if len(v) <= MAX_CARD_REF_LENGTH]
    play_mode: Any = form.get("play_mode", PlayMode.TOGETHER.value)
    if play_mode in tuple(PlayMode):
        play_mode = PlayMode(play_mode)
    return Settings(
        editions=tuple(dict.fromkeys(form.getlist("editions"))),
        senses=tuple(dict.fromkeys(form.getlist("senses"))),
        max_depth=_number(form.get("max_depth")) or 0,
        answering=answering,
        typed_answers=form.get("typed_answers") == "on",
        planned_minutes=_number(form.get("planned_minutes")),
        turn_timer_seconds=_number(form.get("turn_timer_seconds")),
        excluded_cards=tuple(dict.fromkeys(excluded)),
        play_mode=play_mode,
    )


def _form(
    template: service.SessionTemplate | None,
    name: str,
    settings: Settings,
    errors: dict | None = None,
    status: int = 200,
) -> tuple[str, int]:
    db = database()
    editions = service.editions_to_choose(db)
    page = render_template(
        "admin/template_form.html",
        template=template,
        name=name,
        settings=settings,
        errors=errors or {},
        editions=editions,
        cards=service.card_choices(db, [e.id for e in editions]),
        senses=SENSES,
        answering=ANSWERING,
        timers=sorted(set(TIMERS) | {settings.turn_timer_seconds or TIMERS[0]}),
        max_name=MAX_TEMPLATE_NAME_LENGTH,
    )
    return page, status


@bp.route("/templates/new", methods=["GET", "POST"])
def new_template() -> Response | tuple[str, int]:
    if request.method == "GET":
        return _form(None, "", Settings())
    name, settings = request.form.get("name", ""), _settings(request.form)
    try:
        made = service.create(database(), g.admin.id, name, settings)
    except EditorError as error:
        return _form(None, name, settings, field_errors(error.faults, g.lang), 400)
    notify("admin.facilitate.created", name=made.name)
    return redirect(url_for("admin.facilitate"))


@bp.route("/templates/<int(max=2147483647):template_id>", methods=["GET", "POST"])
def edit_template(template_id: int) -> Response | tuple[str, int]:
    template = service.get_own(database(), g.admin.id, template_id)
    if request.method == "GET":
        return _form(template, template.name, template.settings)
    name, settings = request.form.get("name", ""), _settings(request.form)
    try:
        saved = service.update(database(), g.admin.id, template_id, name, settings)
    except EditorError as error:
        return _form(template, name, settings, field_errors(error.faults, g.lang), 400)
    notify("admin.facilitate.saved", name=saved.name)
    return redirect(url_for("admin.facilitate"))


@bp.post("/templates/<int(max=2147483647):template_id>/delete")
def delete_template(template_id: int) -> Response:
    name = service.delete(database(), g.admin.id, template_id)
    notify("admin.facilitate.deleted", name=name)
    return redirect(url_for("admin.facilitate"))

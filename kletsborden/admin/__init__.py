"""The deck editor for admins: editions and cards, import and export, audit trail.

Every page needs a login (``auth.guard`` runs before each view) and editing needs the admin
role. Views are thin: they read a form (forms.py), call a use case in kletsborden.deck_editor,
and show the result, or the faults next to their fields.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Blueprint, Flask, Response, current_app, flash, g

from ..config import (
    DEFAULT_LANGUAGE,
    DISPLAY_TIMEZONE,
    FAILED_LOGINS_PER_ADDRESS,
    FAILED_LOGINS_PER_USERNAME,
    FAILED_LOGINS_PER_USERNAME_AND_ADDRESS,
    LANGUAGES,
)
from ..deck_editor import draft_languages, missing_languages
from ..editions.diff import changes
from ..i18n import translate
from ..languages import describe, language_label
from ..ratelimit import Limit
from ..store.audit import AuditEntry
from ..store.database import Database
from .forms import field_id, field_label

bp = Blueprint("admin", __name__, url_prefix="/admin")


def init_app(app: Flask) -> None:
    queue = app.config.get("KLETSBORDEN_MESSAGE_QUEUE")
    app.extensions["kletsborden.admin_limits"] = {
        "address": Limit("login_address", *FAILED_LOGINS_PER_ADDRESS, queue),
        "pair": Limit("login_pair", *FAILED_LOGINS_PER_USERNAME_AND_ADDRESS, queue),
        "username": Limit("login_username", *FAILED_LOGINS_PER_USERNAME, queue),
    }
    app.register_blueprint(bp)


@bp.after_request
def _not_stored(response: Response) -> Response:
    """Editor pages and report CSVs hold accounts, cards in progress and session figures: no
    browser or proxy cache keeps them (a shared computer's back button shows nothing)."""
    response.headers["Cache-Control"] = "no-store"
    return response


def database() -> Database:
    return current_app.extensions["kletsborden.db"]


def actor() -> str:
    """Who the audit trail names for this request's changes."""
    return g.admin.username


def notify(key: str, category: str = "message", **params: Any) -> None:
    """A message for the next page, translated when it is shown (in the language of that page)."""
    flash({"key": key, "params": params}, category)


@bp.context_processor
def _template_helpers() -> dict[str, Any]:
    lang = g.get("lang", DEFAULT_LANGUAGE)

    def in_language(texts: dict[str, Any]) -> tuple[str, Any]:
        """(language, text): the page's language when there is a text in it, else the first."""
        if lang in texts:
            return lang, texts[lang]
        return next(iter(texts.items()), (lang, None))

    def changes_of(entry: AuditEntry) -> list[tuple[str, str, str]]:
        """(field, was, now) for each field an entry changed, in the page's language."""
        return [
            (field_label(c.path, lang), _shown(c.old, lang), _shown(c.new, lang))
            for c in changes(entry.before, entry.after)
        ]

    return {
        "changes_of": changes_of,
        "field_id": field_id,
        "in_language": in_language,
        "missing_languages": missing_languages,
        "draft_languages": draft_languages,
        "card_languages": LANGUAGES,
        "language_label": lambda code: language_label(code, lang),
        "language_dir": lambda code: describe(code)["dir"],
    }


def _shown(value: Any, lang: str) -> str:
    if value is None or value == "":
        return translate("admin.history.empty", lang)
    if isinstance(value, bool):
        return translate(f"admin.history.{'yes' if value else 'no'}", lang)
    return str(value)


@bp.app_template_filter("admin_time")
def admin_time(moment: datetime) -> str:
    """A stored (UTC) time as people here read it: 29-11-2026 14:03."""
    try:
        zone: Any = ZoneInfo(DISPLAY_TIMEZONE)
    except ZoneInfoNotFoundError:
        zone = UTC
    return moment.replace(tzinfo=UTC).astimezone(zone).strftime("%d-%m-%Y %H:%M")


# The views register themselves on ``bp``.
from . import (  # noqa: E402, F401
    accounts,
    auth,
    cards,
    editions,
    errors,
    facilitator,
    printing,
    reports,
    setup,
    transfer,
)

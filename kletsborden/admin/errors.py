"""Plain pages for what goes wrong in the editor: no right, not found, an expired or bad form."""

from __future__ import annotations

import logging

from flask import render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from ..deck_editor import NotFound
from . import bp

# status -> the message key of its page
PAGES = {400: "bad_request", 403: "forbidden", 404: "not_found", 413: "too_large"}

log = logging.getLogger(__name__)


def _page(status: int, reason: str | None = None) -> tuple[str, int]:
    reason = reason or PAGES[status]
    return render_template("admin/error.html", reason=reason, status=status), status


@bp.errorhandler(CSRFError)
def expired_form(_error: CSRFError) -> tuple[str, int]:
    """A form without a valid token: sent from elsewhere, or open longer than a login lasts."""
    return _page(400, "csrf")


@bp.errorhandler(NotFound)
def missing(_error: NotFound) -> tuple[str, int]:
    return _page(404)


@bp.errorhandler(DBAPIError)
def unavailable(error: DBAPIError) -> tuple[str, int]:
    """The database cannot be reached: a plain page to try again, and one log line that names
    the fault only (a traceback would carry the query's parameters, e.g. a username)."""
    log.warning("editor page without a database: %s", type(error.orig).__name__)
    return _page(503, "unavailable")


@bp.errorhandler(400)
@bp.errorhandler(403)
@bp.errorhandler(404)
@bp.errorhandler(413)
def refused(error: HTTPException) -> tuple[str, int]:
    return _page(error.code or 400)

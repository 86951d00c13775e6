"""The first admin's page: the one-time link that ``kletsborden serve`` prints while no admin
exists (kletsborden/first_admin.py). The login page hints at it then, without the link."""

from __future__ import annotations

from typing import Any

from flask import current_app, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..config import MAX_USERNAME_LENGTH, MIN_PASSWORD_LENGTH
from ..deck_editor.accounts import has_admin
from ..first_admin import SetupRefused, check_link, use_link
from ..logins import log_in
from ..store.admins import AccountError
from . import bp, database, notify
from .accounts import account_faults, passwords_differ


def _now() -> float:
    """The app's one clock (the room service's), so tests can move it."""
    return current_app.extensions["kletsborden.rooms"].clock()


def _page(token: str, values: dict, errors: dict, status: int = 200) -> tuple[str, int]:
    page = render_template(
        "admin/setup.html",
        token=token,
        values=values,
        errors=errors,
        refused=None,
        min_password=MIN_PASSWORD_LENGTH,
        max_username=MAX_USERNAME_LENGTH,
    )
    return page, status


def _refusal(code: str) -> tuple[str, int]:
    page = render_template("admin/setup.html", token="", values={}, errors={}, refused=code)
    return page, 410 if code == "expired" else 404 if code == "unknown" else 403


@bp.route("/setup/<token>", methods=["GET", "POST"])
def setup(token: str) -> Response | tuple[str, int]:
    db = database()
    try:
        check_link(db, token, _now())
    except SetupRefused as refused:
        return _refusal(refused.code)
    if request.method == "GET":
        return _page(token, {}, {})
    form = request.form
    username, password = form.get("username", ""), form.get("password", "")
    values = {"username": username}
    if password != form.get("password_again", ""):
        return _page(token, values, passwords_differ(), 400)
    try:
        admin = use_link(db, token, username, password, _now())
    except SetupRefused as refused:
        return _refusal(refused.code)
    except AccountError as error:
        return _page(token, values, account_faults(error), 400)
    log_in(admin)
    g.admin = admin
    notify("admin.notice.first_admin", username=admin.username)
    return redirect(url_for("admin.home"))


@bp.context_processor
def _first_admin_hint() -> dict[str, Any]:
    """For the login page: whether to say where the first admin comes from (asked only there)."""
    return {"no_admin_yet": lambda: not has_admin(database())}

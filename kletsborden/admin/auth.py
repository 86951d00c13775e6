"""Logging in and out, and the guard in front of every editor page.

How long a login lasts is kletsborden/logins.py. Failed logins are counted per address and per
username; past the limit the login waits, whatever is typed.
"""

from __future__ import annotations

import math

from flask import abort, current_app, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..config import MAX_USERNAME_LENGTH
from ..deck_editor.accounts import authenticate
from ..logins import current_admin, log_in, log_out
from ..ratelimit import Limit
from . import bp, database, notify
from .forms import safe_next

PUBLIC = {"admin.login", "admin.setup"}
FOR_FACILITATORS = {
    "admin.home",
    "admin.logout",
    "admin.print_cards",
    "admin.facilitate",
    "admin.new_template",
    "admin.edit_template",
    "admin.delete_template",
    "admin.reports",
    "admin.reports_csv",
    "admin.session_report",
    "admin.session_report_csv",
    "admin.own_password",
    "admin.reports_pdf",
    "admin.session_report_pdf",
    "admin.room_report",
}


def _refuse_nul() -> None:
    """PostgreSQL can neither store nor look up text with a NUL character, and no one types
    one: a path with one names nothing (404); a query or form with one is refused (400)."""
    if any("\x00" in str(value) for value in (request.view_args or {}).values()):
        abort(404)
    fields = [*request.args.items(multi=True), *request.form.items(multi=True)]
    names = [upload.filename or "" for upload in request.files.values()]
    if any("\x00" in text for pair in fields for text in pair) or any("\x00" in n for n in names):
        abort(400)


@bp.before_request
def guard() -> Response | None:
    """Every editor page: logged in, and the admin role for anything but the start page."""
    _refuse_nul()
    if request.endpoint in PUBLIC:
        return None
    admin = current_admin()
    if admin is None:
        wanted = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("admin.login", next=wanted))
    g.admin = admin
    if not admin.edits_decks and request.endpoint not in FOR_FACILITATORS:
        abort(403)
    return None


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str | tuple[str, int]:
    next_url = safe_next(request.values.get("next"))
    if request.method == "GET":
        if current_admin() is not None:
            return redirect(next_url or url_for("admin.home"))
        return render_template("admin/login.html", next_url=next_url, username="", error=None)
    username = request.form.get("username", "")[: MAX_USERNAME_LENGTH * 2]
    password = request.form.get("password", "")[:1024]
    address, name = request.remote_addr or "unknown", username.strip().casefold()
    counted = _login_limits(address, name)
    # One try at a time per name (in this process): a burst of wrong passwords cannot all pass
    # the check before the first failure is counted.
    per_name, _ = counted[0]
    with per_name.one_at_a_time(name):
        locked = next((limit for limit, key in counted if limit.exhausted(key)), None)
        if locked is not None:
            page = render_template(
                "admin/login.html",
                next_url=next_url,
                username=username,
                error="locked",
                minutes=math.ceil(locked.window / 60),
            )
            return page, 429
        admin = authenticate(database(), username, password)
        if admin is None:
            for limit, key in counted:
                limit.hit(key)
            page = render_template(
                "admin/login.html", next_url=next_url, username=username, error="wrong"
            )
            return page, 401
    log_in(admin)
    return redirect(next_url or url_for("admin.home"))


def _login_limits(address: str, name: str) -> list[tuple[Limit, str]]:
    """Each failed-login limit with the key it counts (config.FAILED_LOGINS_*)."""
    limits = current_app.extensions["kletsborden.admin_limits"]
    return [
        (limits["username"], name),
        (limits["pair"], f"{name}@{address}"),
        (limits["address"], address),
    ]


@bp.post("/logout")
def logout() -> Response:
    log_out()
    notify("admin.login.logged_out")
    return redirect(url_for("admin.login"))

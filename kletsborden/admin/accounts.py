"""The accounts page: admins see who has an account and make new ones for others."""

from __future__ import annotations

from flask import g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..config import MAX_USERNAME_LENGTH, MIN_PASSWORD_LENGTH
from ..deck_editor import fault
from ..deck_editor.accounts import create_account, list_admins
from ..store.admins import ADMIN_ROLES, AccountError
from . import actor, bp, database, notify
from .forms import field_errors


def _page(values: dict, errors: dict, status: int = 200) -> tuple[str, int]:
    page = render_template(
        "admin/accounts.html",
        accounts=list_admins(database()),
        roles=ADMIN_ROLES,
        values=values,
        errors=errors,
        min_password=MIN_PASSWORD_LENGTH,
        max_username=MAX_USERNAME_LENGTH,
    )
    return page, status


@bp.route("/accounts", methods=["GET", "POST"])
def accounts() -> Response | tuple[str, int]:
    if request.method == "GET":
        return _page({"role": "admin"}, {})
    form = request.form
    username, role = form.get("username", ""), form.get("role", "")
    password = form.get("password", "")
    values = {"username": username, "role": role}
    if password != form.get("password_again", ""):
        differ = [fault("passwords_differ", "the passwords differ", "password_again")]
        return _page(values, field_errors(differ, g.lang), 400)
    try:
        create_account(database(), actor(), username, password, role)
    except AccountError as error:
        path = "username" if error.code == "exists" else error.code
        refused = [
            fault(
                f"account_{error.code}",
                str(error),
                path,
                min=MIN_PASSWORD_LENGTH,
                max=MAX_USERNAME_LENGTH,
            )
        ]
        return _page(values, field_errors(refused, g.lang), 400)
    notify("admin.notice.account_created", username=username.strip())
    return redirect(url_for("admin.accounts"))

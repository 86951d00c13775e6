"""The accounts pages: admins list accounts, make new ones and manage each (role, disable or
enable, a new password); everyone changes their own password. Each change is audited, and a new
password or disabling ends every login of that account at once."""

from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..config import MAX_USERNAME_LENGTH, MIN_PASSWORD_LENGTH
from ..deck_editor import fault
from ..deck_editor.accounts import (
    Admin,
    change_own_password,
    create_account,
    get_admin,
    list_admins,
    set_disabled,
    set_password,
    set_role,
)
from ..logins import log_in
from ..store.admins import ADMIN_ROLES, DEFAULT_ROLE, AccountError
from . import actor, bp, database, notify
from .forms import field_errors

# Where each account rule's fault is shown.
_FIELD = {"exists": "username", "current_password": "current_password"}


def account_faults(error: AccountError) -> dict:
    path = _FIELD.get(error.code, error.code)
    if error.code in ("last_admin", "unknown"):
        path = "form"
    found = fault(
        f"account_{error.code}", str(error), path, min=MIN_PASSWORD_LENGTH, max=MAX_USERNAME_LENGTH
    )
    return field_errors([found], g.lang)


def passwords_differ() -> dict:
    return field_errors(
        [fault("passwords_differ", "the passwords differ", "password_again")], g.lang
    )


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
        return _page({"role": DEFAULT_ROLE}, {})
    form = request.form
    username, role = form.get("username", ""), form.get("role", "")
    password = form.get("password", "")
    values = {"username": username, "role": role}
    if password != form.get("password_again", ""):
        return _page(values, passwords_differ(), 400)
    try:
        create_account(database(), actor(), username, password, role)
    except AccountError as error:
        return _page(values, account_faults(error), 400)
    notify("admin.notice.account_created", username=username.strip())
    return redirect(url_for("admin.accounts"))


def _account(account_id: int) -> Admin:
    account = get_admin(database(), account_id)
    if account is None:
        abort(404)
    return account


def _account_page(account: Admin, errors: dict, status: int = 200) -> tuple[str, int]:
    page = render_template(
        "admin/account.html",
        account=account,
        roles=ADMIN_ROLES,
        errors=errors,
        min_password=MIN_PASSWORD_LENGTH,
    )
    return page, status


@bp.get("/accounts/<int:account_id>")
def account(account_id: int) -> tuple[str, int]:
    return _account_page(_account(account_id), {})


@bp.post("/accounts/<int:account_id>/role")
def account_role(account_id: int) -> Response | tuple[str, int]:
    account = _account(account_id)
    role = request.form.get("role", "")
    try:
        set_role(database(), actor(), account.username, role)
    except AccountError as error:
        return _account_page(account, account_faults(error), 400)
    notify("admin.notice.account_role_set", username=account.username)
    return redirect(url_for("admin.account", account_id=account_id))


@bp.post("/accounts/<int:account_id>/<any(disable, enable):change>")
def account_access(account_id: int, change: str) -> Response | tuple[str, int]:
    account = _account(account_id)
    try:
        set_disabled(database(), actor(), account.username, change == "disable")
    except AccountError as error:
        return _account_page(account, account_faults(error), 400)
    notify(f"admin.notice.account_{change}d", username=account.username)
    if account.id == g.admin.id:  # one's own logins have just ended
        return redirect(url_for("admin.login"))
    return redirect(url_for("admin.account", account_id=account_id))


@bp.post("/accounts/<int:account_id>/password")
def account_password(account_id: int) -> Response | tuple[str, int]:
    account = _account(account_id)
    password = request.form.get("password", "")
    if password != request.form.get("password_again", ""):
        return _account_page(account, passwords_differ(), 400)
    try:
        changed = set_password(database(), actor(), account.username, password)
    except AccountError as error:
        return _account_page(account, account_faults(error), 400)
    if changed.id == g.admin.id:
        log_in(changed)  # this browser stays logged in; every other login ends
    notify("admin.notice.account_password_reset", username=account.username)
    return redirect(url_for("admin.account", account_id=account_id))


@bp.route("/password", methods=["GET", "POST"])
def own_password() -> Response | tuple[str, int]:
    """Anyone logged in changes their own password; their other logins end."""
    if request.method == "GET":
        return _own_page({})
    form = request.form
    if form.get("password", "") != form.get("password_again", ""):
        return _own_page(passwords_differ(), 400)
    try:
        changed = change_own_password(
            database(), g.admin.id, form.get("current_password", ""), form.get("password", "")
        )
    except AccountError as error:
        return _own_page(account_faults(error), 400)
    log_in(changed)
    notify("admin.notice.password_changed")
    return redirect(url_for("admin.own_password"))


def _own_page(errors: dict, status: int = 200) -> tuple[str, int]:
    page = render_template("admin/password.html", errors=errors, min_password=MIN_PASSWORD_LENGTH)
    return page, status

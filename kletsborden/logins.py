"""Who is logged in on this request: the account in the session cookie, while its login lasts.

The cookie holds the account id, the login time and a fingerprint of the password hash and the
account's session epoch, so a login ends after ADMIN_SESSION_SECONDS, and every login of an
account ends at once when it logs out, its password changes or it is disabled. Used by the editor
(admin/) and by the pages that offer a logged-in facilitator more (web/).
"""

from __future__ import annotations

import time

from flask import current_app, session

from .config import ADMIN_SESSION_SECONDS
from .deck_editor.accounts import Admin, get_admin, log_out_everywhere


def current_admin() -> Admin | None:
    since = session.get("admin_since")
    if not session.get("admin_id") or not since or time.time() - since > ADMIN_SESSION_SECONDS:
        return None
    admin = get_admin(current_app.extensions["kletsborden.db"], session["admin_id"])
    if admin is None or admin.disabled or admin.key != session.get("admin_key"):
        return None
    return admin


def log_in(admin: Admin) -> None:
    """A fresh session for ``admin``: nothing from before the login carries over."""
    session.clear()
    session.update(admin_id=admin.id, admin_since=time.time(), admin_key=admin.key)


def log_out() -> None:
    """Ends this login and every other login of the same account (a copied cookie too)."""
    admin = current_admin()
    if admin is not None:
        log_out_everywhere(current_app.extensions["kletsborden.db"], admin.id)
    session.clear()

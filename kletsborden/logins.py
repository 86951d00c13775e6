"""Who is logged in on this request: the account in the session cookie, while its login lasts.

The cookie holds the account id, the login time and a fingerprint of the password hash, so a
login ends after ADMIN_SESSION_SECONDS and when the password changes. Used by the editor
(admin/) and by the pages that offer a logged-in facilitator more (web/).
"""

from __future__ import annotations

import time

from flask import current_app, session

from .config import ADMIN_SESSION_SECONDS
from .deck_editor.accounts import Admin, get_admin


def current_admin() -> Admin | None:
    since = session.get("admin_since")
    if not session.get("admin_id") or not since or time.time() - since > ADMIN_SESSION_SECONDS:
        return None
    admin = get_admin(current_app.extensions["kletsborden.db"], session["admin_id"])
    return admin if admin and admin.key == session.get("admin_key") else None


def log_in(admin: Admin) -> None:
    """A fresh session for ``admin``: nothing from before the login carries over."""
    session.clear()
    session.update(admin_id=admin.id, admin_since=time.time(), admin_key=admin.key)

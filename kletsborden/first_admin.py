"""The first admin, made in the browser: a one-time setup link, the way Jenkins or Gitea do it.

While no enabled admin exists, ``kletsborden serve`` asks for a link and prints it. Only the
console that started the server knows it: the database keeps a hash of its token. A link works
once, for SETUP_LINK_SECONDS, and never after an admin exists (``create-admin`` is the way for
scripts).
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .config import SETUP_LINK_SECONDS
from .deck_editor.accounts import Admin, count_active_admins, to_admin
from .store import audit
from .store.admins import create_admin
from .store.database import Database
from .store.models import SetupLinkRow

# The audit trail names this as the maker of the first admin.
SETUP_ACTOR = "setup link"


class SetupRefused(Exception):
    """A setup link that cannot be used: ``code`` is "unknown" (never made, or used already),
    "expired" or "done" (an admin exists)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def issue_link(db: Database, now: float) -> str | None:
    """A new setup token while no admin exists (None once one does); expired ones are dropped."""
    with db.transaction() as session:
        if count_active_admins(session):
            return None
        session.execute(delete(SetupLinkRow).where(SetupLinkRow.expires_at <= now))
        token = secrets.token_urlsafe(32)
        session.add(SetupLinkRow(token_hash=_hash(token), expires_at=now + SETUP_LINK_SECONDS))
        return token


def check_link(db: Database, token: str, now: float) -> None:
    """Raises SetupRefused unless the link may make the first admin now."""
    with db.transaction() as session:
        _usable(session, token, now)


def use_link(db: Database, token: str, username: str, password: str, now: float) -> Admin:
    """Makes the first admin with the link and spends it (AccountError for a bad name or
    password leaves the link usable). Every other setup link goes with it."""
    with db.transaction() as session:
        _usable(session, token, now, lock=True)
        made = create_admin(session, username, password, "admin")
        audit.record(
            session,
            SETUP_ACTOR,
            "account_created",
            after={"username": made.username, "role": "admin"},
        )
        session.execute(delete(SetupLinkRow))
        return to_admin(made)


def _usable(session: Session, token: str, now: float, lock: bool = False) -> SetupLinkRow:
    if count_active_admins(session):
        raise SetupRefused("done")
    query = select(SetupLinkRow).where(SetupLinkRow.token_hash == _hash(token))
    row = session.scalars(query.with_for_update() if lock else query).first()
    if row is None:
        raise SetupRefused("unknown")
    if row.expires_at <= now:
        raise SetupRefused("expired")
    return row

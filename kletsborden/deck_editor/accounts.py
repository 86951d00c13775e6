"""Accounts for the deck editor: checking a login, and admins creating accounts for others.

Roles: an ``admin`` edits decks and accounts; a ``facilitator`` may log in but edits nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from ..store import audit
from ..store.admins import create_admin, verify_password
from ..store.database import Database
from ..store.models import AdminUserRow


@dataclass(frozen=True)
class Admin:
    id: int
    username: str
    role: str
    # Changes when the password does, so a session cookie from before a new password stops working.
    key: str

    @property
    def edits_decks(self) -> bool:
        return self.role == "admin"


def _admin(row: AdminUserRow) -> Admin:
    key = hashlib.sha256(row.password_hash.encode()).hexdigest()[:16]
    return Admin(row.id, row.username, row.role, key)


@cache
def _decoy_hash() -> str:
    return generate_password_hash("not anybody's password", "scrypt")


def authenticate(db: Database, username: str, password: str) -> Admin | None:
    """The account if the password is right. An unknown name costs the same time as a wrong
    password, so timing does not tell which names exist."""
    with db.transaction() as session:
        row = session.scalars(
            select(AdminUserRow).where(AdminUserRow.username == username.strip())
        ).first()
        if row is None:
            verify_password(AdminUserRow(password_hash=_decoy_hash()), password)
            return None
        return _admin(row) if verify_password(row, password) else None


def get_admin(db: Database, admin_id: int) -> Admin | None:
    with db.transaction() as session:
        row = session.get(AdminUserRow, admin_id)
        return _admin(row) if row else None


def list_admins(db: Database) -> list[Admin]:
    with db.transaction() as session:
        rows = session.scalars(select(AdminUserRow).order_by(AdminUserRow.username))
        return [_admin(row) for row in rows]


def create_account(db: Database, actor: str, username: str, password: str, role: str) -> Admin:
    """A new account (AccountError says what is wrong); the audit trail names who made it."""
    with db.transaction() as session:
        row = create_admin(session, username, password, role)
        after = {"username": row.username, "role": row.role}
        audit.record(session, actor, "account_created", after=after)
        return _admin(row)

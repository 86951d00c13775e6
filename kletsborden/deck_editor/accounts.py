"""Accounts for the deck editor: checking a login, and admins managing the accounts of others.

Roles: an ``admin`` edits decks and accounts; a ``facilitator`` hosts sessions and reads reports.
Every change is audited. Logging out, a new password and disabling raise the account's session
epoch, which ends every login of that account at once (logins.py checks it on each request).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from ..offload import off_loop
from ..store import audit
from ..store.admins import (
    AccountError,
    check_password,
    check_role,
    create_admin,
    hash_password,
    verify_password,
)
from ..store.database import Database
from ..store.models import AdminUserRow


@dataclass(frozen=True)
class Admin:
    id: int
    username: str
    role: str
    # Changes with the password and the session epoch, so a session cookie from before a new
    # password, a logout or disabling stops working.
    key: str
    disabled: bool = False

    @property
    def edits_decks(self) -> bool:
        return self.role == "admin"


def to_admin(row: AdminUserRow) -> Admin:
    fingerprint = f"{row.password_hash}\n{row.session_epoch}".encode()
    key = hashlib.sha256(fingerprint).hexdigest()[:16]
    return Admin(row.id, row.username, row.role, key, row.disabled)


@cache
def _decoy_hash() -> str:
    return generate_password_hash("not anybody's password", "scrypt")


def authenticate(db: Database, username: str, password: str) -> Admin | None:
    """The account if the password is right and the account is not disabled. An unknown name
    costs the same time as a wrong password, so timing does not tell which names exist."""
    with db.transaction() as session:
        row = session.scalars(
            select(AdminUserRow).where(AdminUserRow.username == username.strip())
        ).first()
        if row is None:  # hashing runs beside the event loop (offload.py)
            off_loop(verify_password, AdminUserRow(password_hash=_decoy_hash()), password)
            return None
        right = off_loop(verify_password, row, password)
        return to_admin(row) if right and not row.disabled else None


def get_admin(db: Database, admin_id: int) -> Admin | None:
    with db.transaction() as session:
        row = session.get(AdminUserRow, admin_id)
        return to_admin(row) if row else None


def list_admins(db: Database) -> list[Admin]:
    with db.transaction() as session:
        rows = session.scalars(select(AdminUserRow).order_by(AdminUserRow.username))
        return [to_admin(row) for row in rows]


def has_admin(db: Database) -> bool:
    """True once an enabled admin account exists (the first-admin setup link is then refused)."""
    with db.transaction() as session:
        return count_active_admins(session) > 0


def create_account(db: Database, actor: str, username: str, password: str, role: str) -> Admin:
    """A new account (AccountError says what is wrong); the audit trail names who made it."""
    with db.transaction() as session:
        row = create_admin(session, username, password, role)
        after = {"username": row.username, "role": row.role}
        audit.record(session, actor, "account_created", after=after)
        return to_admin(row)


def log_out_everywhere(db: Database, admin_id: int) -> None:
    """Ends every login of this account (a logout ends them all, not just this browser's)."""
    with db.transaction() as session:
        row = session.get(AdminUserRow, admin_id)
        if row is not None:
            row.session_epoch += 1


def change_own_password(db: Database, admin_id: int, current: str, new: str) -> Admin:
    """Anyone's own new password, after the current one; every other login of theirs ends."""
    check_password(new)
    with db.transaction() as session:
        row = _row(session, admin_id)
        if not verify_password(row, current):
            raise AccountError("the current password is not right", "current_password")
        row.password_hash = hash_password(new)
        row.session_epoch += 1
        audit.record(session, row.username, "password_changed", after={"username": row.username})
        session.flush()
        return to_admin(row)


def set_password(db: Database, actor: str, username: str, password: str) -> Admin:
    """An admin (or the command line) gives an account a new password; its logins end."""
    check_password(password)
    with db.transaction() as session:
        row = _named(session, username)
        row.password_hash = hash_password(password)
        row.session_epoch += 1
        audit.record(session, actor, "password_reset", after={"username": row.username})
        session.flush()
        return to_admin(row)


def set_role(db: Database, actor: str, username: str, role: str) -> Admin:
    check_role(role)
    with db.transaction() as session:
        row = _named(session, username)
        if row.role == role:
            return to_admin(row)
        if row.role == "admin" and not row.disabled:
            _keep_an_admin(session)
        before = {"username": row.username, "role": row.role}
        row.role = role
        audit.record(
            session, actor, "account_role_set", before=before, after={**before, "role": role}
        )
        session.flush()
        return to_admin(row)


def set_disabled(db: Database, actor: str, username: str, disabled: bool) -> Admin:
    """Disable (every login ends, none is accepted) or enable an account."""
    with db.transaction() as session:
        row = _named(session, username)
        if row.disabled == disabled:
            return to_admin(row)
        if disabled and row.role == "admin":
            _keep_an_admin(session)
        row.disabled = disabled
        row.session_epoch += 1
        action = "account_disabled" if disabled else "account_enabled"
        before = {"username": row.username, "disabled": not disabled}
        audit.record(session, actor, action, before=before, after={**before, "disabled": disabled})
        session.flush()
        return to_admin(row)


def _row(session: Session, admin_id: int) -> AdminUserRow:
    row = session.get(AdminUserRow, admin_id, with_for_update=True)
    if row is None:
        raise AccountError("no such account", "unknown")
    return row


def _named(session: Session, username: str) -> AdminUserRow:
    query = select(AdminUserRow).where(AdminUserRow.username == username.strip())
    row = session.scalars(query.with_for_update()).first()
    if row is None:
        raise AccountError(f"there is no account named {username.strip()!r}", "unknown")
    return row


def count_active_admins(session: Session) -> int:
    query = select(func.count()).where(
        AdminUserRow.role == "admin", AdminUserRow.disabled.is_(False)
    )
    return session.scalar(query) or 0


def _keep_an_admin(session: Session) -> None:
    """Refuses a change that would leave no enabled admin: nobody could manage accounts then."""
    if count_active_admins(session) <= 1:
        raise AccountError("this is the last enabled admin; make another admin first", "last_admin")

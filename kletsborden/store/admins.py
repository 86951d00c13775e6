"""Admin accounts: people who edit the card decks. Passwords are stored only as scrypt hashes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from ..config import MAX_USERNAME_LENGTH, MIN_PASSWORD_LENGTH
from .models import AdminUserRow

ADMIN_ROLES = ("admin", "facilitator")
# A new account is a facilitator unless an admin chooses otherwise: least rights by default.
DEFAULT_ROLE = "facilitator"


class AccountError(ValueError):
    """An account could not be created or changed as asked; the message says why, ``code`` which
    rule (username, password, role, exists, unknown, last_admin, current_password) so the deck
    editor can say it in the admin's language."""

    def __init__(self, message: str, code: str = "invalid"):
        super().__init__(message)
        self.code = code


def check_username(username: str) -> str:
    """The name as stored (trimmed), or AccountError: checked before anyone types a password."""
    username = username.strip()
    if not username or len(username) > MAX_USERNAME_LENGTH:
        raise AccountError(f"username must be 1 to {MAX_USERNAME_LENGTH} characters", "username")
    return username


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"password must be at least {MIN_PASSWORD_LENGTH} characters", "password"
        )


def check_role(role: str) -> None:
    if role not in ADMIN_ROLES:
        raise AccountError(f"role must be one of {', '.join(ADMIN_ROLES)}", "role")


def create_admin(
    session: Session, username: str, password: str, role: str = DEFAULT_ROLE
) -> AdminUserRow:
    username = check_username(username)
    check_password(password)
    check_role(role)
    if session.scalars(select(AdminUserRow).where(AdminUserRow.username == username)).first():
        raise AccountError(f"an account named {username!r} already exists", "exists")
    row = AdminUserRow(username=username, password_hash=hash_password(password), role=role)
    session.add(row)
    session.flush()
    return row


def hash_password(password: str) -> str:
    return generate_password_hash(password, "scrypt")


def verify_password(row: AdminUserRow, password: str) -> bool:
    return check_password_hash(row.password_hash, password)

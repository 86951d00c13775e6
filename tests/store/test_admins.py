"""Admin accounts: hashed passwords, clear refusals."""

import pytest

from kletsborden.store.admins import AccountError, create_admin, verify_password
from kletsborden.store.database import Database


def test_password_is_stored_hashed_and_verifies(db: Database) -> None:
    with db.transaction() as session:
        row = create_admin(session, "beheer", "een lang wachtwoord")
    assert "een lang wachtwoord" not in row.password_hash
    assert row.password_hash.startswith("scrypt:")
    assert verify_password(row, "een lang wachtwoord")
    assert not verify_password(row, "een ander wachtwoord")


@pytest.mark.parametrize(
    ("username", "password", "role", "reason"),
    [
        ("", "een lang wachtwoord", "admin", "username"),
        ("x" * 65, "een lang wachtwoord", "admin", "username"),
        ("beheer", "kort", "admin", "at least"),
        ("beheer", "een lang wachtwoord", "koning", "role"),
    ],
)
def test_bad_accounts_are_refused(db: Database, username, password, role, reason) -> None:
    with pytest.raises(AccountError, match=reason), db.transaction() as session:
        create_admin(session, username, password, role)


def test_usernames_are_unique(db: Database) -> None:
    with db.transaction() as session:
        create_admin(session, "beheer", "een lang wachtwoord")
    with pytest.raises(AccountError, match="already exists"), db.transaction() as session:
        create_admin(session, "beheer", "nog een wachtwoord")

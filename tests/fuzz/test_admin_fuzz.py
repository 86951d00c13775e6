"""The deck editor's forms, fuzzed as a logged-in admin with valid CSRF tokens: logging in,
editions, cards, status, restore, accounts and import (hostile files too, and files over
MAX_IMPORT_BYTES). Never a 500 or our input as live HTML; a refused form changes nothing, and
whatever a form does change is in the audit trail."""

from __future__ import annotations

import base64
import io
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from protocol.harness import Server
from support.admin import PASSWORD, Auth, token
from werkzeug.routing import Rule

from kletsborden.app import database
from kletsborden.config import LANGUAGES, MAX_IMPORT_BYTES, MAX_REQUEST_BYTES
from kletsborden.store.admins import create_admin

from .conftest import FUZZ, ROUTE_FUZZ
from .dump import Dump, assert_unchanged, dump_database
from .http import browser_text, check_response, form_fields, path_part, routes, url_for_rule
from .strategies import IMPORT_NAMES, hostile_text, import_bodies

TEXTS = [f"{lang}-{name}" for lang in LANGUAGES for name in ("question", "follow_up", "image_alt")]
FIELDS = [
    *TEXTS,
    *(f"{kind}-{lang}" for kind in ("name", "description") for lang in LANGUAGES),
    "id",
    "sense",
    "kind",
    "depth",
    "active",
    "image",
    "next",
    "based_on",
    "step",
    "entry",
    "side",
    "username",
    "password",
    "password_again",
    "role",
    "filename",
    "content",
]
REAL = ["kletsborden", "horen-01", "zien", "gewoon", "2", "publish", "archive", "draft", "before"]
REAL += ["after", "admin", "facilitator", PASSWORD, "up", "down", "confirm", "/admin/"]


def logged_in(server: Server) -> Auth:
    with database(server.app).transaction() as session:
        create_admin(session, "anna", PASSWORD, "admin")
    auth = Auth(server.http())
    assert auth.login().status_code == 302
    return auth


def check_form_outcome(before: Dump, after: Dump, status: int, what: str) -> None:
    """Refused: nothing changed. Accepted: every change is audited (a form never changes the
    decks or accounts behind the audit trail's back)."""
    if status >= 400 or after["audit_entries"] == before["audit_entries"]:
        assert_unchanged(before, after, what)


def test_every_editor_form_survives_hostile_fields(server: Server) -> None:
    auth = logged_in(server)
    forms = [
        r
        for r in routes(server.app)
        if r.rule.startswith("/admin") and "POST" in r.methods and r.endpoint != "admin.logout"
    ]
    assert len(forms) >= 10, [r.rule for r in forms]
    for rule in forms:
        fuzz_form(server, auth, rule)


def fuzz_form(server: Server, auth: Auth, rule: Rule) -> None:
    db = database(server.app)
    csrf = token(auth.client, "/admin/")

    @ROUTE_FUZZ
    @given(
        parts=st.fixed_dictionaries(
            {name: path_part(["kletsborden", "horen-01", "zien-02"]) for name in rule.arguments}
        ),
        form=form_fields(FIELDS, REAL),
    )
    def fuzz(parts: dict[str, str], form: dict[str, Any]) -> None:
        url = url_for_rule(rule, parts)
        server.limit_clock.advance(3600)
        before = dump_database(db)
        response = auth.client.post(url, data={**form, "csrf_token": csrf})
        what = f"POST {url} {str(form)[:300]}"
        check_response(response, what)
        check_form_outcome(before, dump_database(db), response.status_code, what)

    fuzz()


def file_upload(name: str, body: bytes) -> dict[str, Any]:
    return {"step": "preview", "file": (io.BytesIO(body), browser_text(name))}


@FUZZ
@given(
    name=IMPORT_NAMES,
    body=import_bodies(),
    confirm=st.booleans(),
    encoding=st.sampled_from(["base64", "raw"]),
)
def test_importing_hostile_files(
    server: Server, name: str, body: bytes, confirm: bool, encoding: str
) -> None:
    auth = _auth(server)
    db = database(server.app)
    before = dump_database(db)
    csrf = token(auth.client, "/admin/import")
    if confirm:
        content = (
            base64.b64encode(body).decode()
            if encoding == "base64"
            else browser_text(body.decode("utf-8", "replace"))
        )
        data = {"step": "confirm", "filename": browser_text(name), "content": content}
    else:
        data = file_upload(name, body)
    response = auth.client.post("/admin/import", data={**data, "csrf_token": csrf})
    what = f"import {name[:80]!r} ({len(body)} bytes, confirm={confirm}): {body[:120]!r}"
    check_response(response, what)
    after = dump_database(db)
    if not confirm:  # the dry run never writes
        assert_unchanged(before, after, what)
    check_form_outcome(before, after, response.status_code, what)
    if len(body) > MAX_IMPORT_BYTES:
        assert response.status_code in (400, 413), what


def test_a_request_over_the_size_limit_is_refused_plainly(server: Server) -> None:
    auth = _auth(server)
    db = database(server.app)
    before = dump_database(db)
    csrf = token(auth.client, "/admin/import")
    body = b"x" * (MAX_REQUEST_BYTES + 1)
    response = auth.client.post(
        "/admin/import", data={**file_upload("big.csv", body), "csrf_token": csrf}
    )
    assert response.status_code == 413
    check_response(response, "a too large upload")
    assert_unchanged(before, dump_database(db), "a too large upload")


@settings(FUZZ, max_examples=25)  # every failed login runs the password hash
@given(
    username=hostile_text.map(browser_text),
    password=hostile_text.map(browser_text),
    next_url=st.one_of(hostile_text.map(browser_text), st.sampled_from(["/admin/\r\nX: 1"])),
)
def test_logging_in_with_hostile_fields(
    server: Server, username: str, password: str, next_url: str
) -> None:
    db = database(server.app)
    _auth(server)  # an account exists to be guessed at
    client = server.http()
    server.limit_clock.advance(3600)
    before = dump_database(db)
    form = {"username": username, "password": password, "next": next_url}
    response = client.post("/admin/login", data={**form, "csrf_token": token(client)})
    what = f"login {str(form)[:300]}"
    check_response(response, what)
    assert response.status_code in (400, 401, 429), what
    assert_unchanged(before, dump_database(db), what)


def _auth(server: Server) -> Auth:
    """The admin's logged-in client, made once per server and kept across examples."""
    if not hasattr(server, "fuzz_admin"):
        server.fuzz_admin = logged_in(server)  # type: ignore[attr-defined]
    return server.fuzz_admin  # type: ignore[attr-defined]

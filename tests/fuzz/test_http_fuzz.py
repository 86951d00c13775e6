"""Every HTTP route, fuzzed: hostile path parts and query strings for anyone and for a logged-in
admin, and hostile bodies for ``POST /api/rooms``. Never a 500, never our input as live HTML,
and a request that is refused (or only reads) leaves the database as it was."""

from __future__ import annotations

import json
from typing import Any

from flask.testing import FlaskClient
from hypothesis import given
from hypothesis import strategies as st
from protocol.harness import Server
from support.admin import PASSWORD, Auth
from werkzeug.routing import Rule

from kletsborden.app import database
from kletsborden.store.admins import create_admin

from .conftest import FUZZ, ROUTE_FUZZ, check_error
from .dump import assert_unchanged, dump_database
from .http import check_response, path_part, query_strings, routes, url_for_rule
from .strategies import ATTACKS, hostile_text, nested, objects, scalars

REAL_PARTS = ["kletsborden", "horen-01", "zien-02", "socket.io-client", "dist/socket.io.min.js"]


def fuzz_routes(server: Server, client: FlaskClient, who: str, real: list[str]) -> None:
    """GET every route (POST those that only take POST) with hostile parts and queries."""
    import time

    for rule in routes(server.app):
        t = time.time()
        fuzz_route(server, client, who, real, rule)
        print("TIMING", rule.rule, round(time.time() - t, 2))


def fuzz_route(server: Server, client: FlaskClient, who: str, real: list[str], rule: Rule) -> None:
    db = database(server.app)
    method = "GET" if "GET" in rule.methods else "POST"

    @ROUTE_FUZZ
    @given(
        parts=st.fixed_dictionaries({name: path_part(real) for name in rule.arguments}),
        query=query_strings,
    )
    def fuzz(parts: dict[str, str], query: str) -> None:
        url = url_for_rule(rule, parts)
        server.limit_clock.advance(3600)
        before = dump_database(db)
        response = client.open(url, method=method, query_string=query)
        what = f"{who} {method} {url}?{query[:200]}"
        check_response(response, what)
        if method == "GET" or response.status_code >= 400:
            assert_unchanged(before, dump_database(db), what)

    fuzz()


def test_every_route_survives_hostile_urls(server: Server) -> None:
    fuzz_routes(server, server.http(), "anyone", REAL_PARTS)


def test_every_route_survives_hostile_urls_for_an_admin(server: Server) -> None:
    with database(server.app).transaction() as session:
        create_admin(session, "anna", PASSWORD, "admin")
    auth = Auth(server.http())
    assert auth.login().status_code == 302
    table = server.create_room()
    fuzz_routes(server, auth.client, "admin", [*REAL_PARTS, table.code])


def json_bodies() -> st.SearchStrategy[Any]:
    near = st.fixed_dictionaries(
        {"name": st.one_of(hostile_text, st.just("Anna"), scalars)},
        optional={
            "settings": st.one_of(scalars, nested(scalars), objects()),
            "takes_turns": scalars,
            "label": st.one_of(hostile_text, scalars),
            "template": st.one_of(hostile_text, scalars),
            "host": scalars,
        },
    )
    return st.one_of(near, objects(), nested(scalars))


def _plain(value: Any) -> str:
    """Bytes and placeholders as JSON can carry them: text."""
    return value.hex() if isinstance(value, bytes) else repr(value)


RAW_BODIES = [
    b"",
    b"{",
    b"null",
    b'"Anna"',
    b"[" * 50_000 + b"]" * 50_000,
    b'{"name": "Anna", "name": 5}',
    b'{"name": NaN}',
    b'{"name": "\\ud800"}',
    b"\xff\xfe{\x00}\x00",
    b"name=Anna",
    json.dumps({"name": "x" * 100_000}).encode(),
]
CONTENT_TYPES = [
    "application/json",
    "application/json; charset=latin-1",
    "application/merge-patch+json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "",
    "application/json; charset=utf-16",
]


@FUZZ
@given(
    body=st.one_of(
        json_bodies().map(lambda b: json.dumps(b, default=_plain).encode()),
        st.sampled_from(range(len(RAW_BODIES))).map(RAW_BODIES.__getitem__),
        st.sampled_from(ATTACKS).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.binary(max_size=64),
    ),
    content_type=st.sampled_from(CONTENT_TYPES),
    query=query_strings,
)
def test_creating_a_room_with_hostile_bodies(
    server: Server, body: bytes, content_type: str, query: str
) -> None:
    db = database(server.app)
    before = dump_database(db)
    response = server.http().post(
        "/api/rooms", data=body, content_type=content_type, query_string=query
    )
    what = f"POST /api/rooms [{content_type}] {body[:200]!r}"
    assert response.status_code < 500, what
    if response.status_code == 201:
        assert response.get_json()["ok"] is True
        return
    assert response.status_code in (400, 403, 413), (what, response.status_code)
    assert response.mimetype == "application/json", what
    check_error(response.get_json(), what)
    assert_unchanged(before, dump_database(db), what)

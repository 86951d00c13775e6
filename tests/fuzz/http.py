"""Building hostile requests for any route of the app, and the checks every answer must pass."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from flask import Flask
from hypothesis import strategies as st
from werkzeug.routing import Rule
from werkzeug.test import TestResponse

from .strategies import IMG, SCRIPT, attack_text, short_text

ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")  # <code>, <path:filename>


def routes(app: Flask) -> list[Rule]:
    """Every route of the app, from its URL map (a route added later is fuzzed too)."""
    rules = sorted(app.url_map.iter_rules(), key=lambda r: r.rule)
    endpoints = {r.endpoint for r in rules}
    # Not trivially small: pages, the API, health, vendor files and the deck editor.
    assert {"api.create_room", "admin.import_cards", "pages.play", "health.healthz"} <= endpoints
    assert len(rules) >= 25, [r.rule for r in rules]
    return rules


def encoded(text: str, safe: str = "") -> str:
    """A path or query part as a browser would send it, lone surrogates and all."""
    return quote(text.encode("utf-8", "surrogatepass"), safe=safe)


def path_part(real: list[str]) -> st.SearchStrategy[str]:
    """A path segment: a real one (an edition, a card, a room code) or a hostile one."""
    raw = st.sampled_from(["%00", "%ff%fe", "%2e%2e", "..", "%2F", "%", "%zz", "%c0%af"])
    return st.one_of(
        st.sampled_from(real) if real else st.nothing(),
        st.one_of(short_text, attack_text).map(encoded),
        raw,
    )


def url_for_rule(rule: Rule, parts: dict[str, str]) -> str:
    """The rule's URL with each argument replaced by its (already encoded) part."""
    return ARGUMENT.sub(lambda m: parts[m.group(1)] or "x", rule.rule)


query_strings = st.one_of(
    st.lists(st.tuples(short_text, short_text), max_size=4).map(
        lambda pairs: "&".join(f"{encoded(k)}={encoded(v)}" for k, v in pairs)
    ),
    st.sampled_from(
        [
            "lang=xx",
            "lang=en&lang=nl",
            "code=%00%ff",
            "next=//evil.example",
            "next=/admin/%0d%0aSet-Cookie:x=1",
            "q=%ff%fe%fd",
            "sense=horen&sense=zien&depth=1e9",
            "edition=kletsborden&format=xml",
            "&&&===",
            "%" * 10,
            "archived=1&preview=<script>",
            "q=" + "z" * 20_000,
            "lang=" + "%e2%80%ae" * 2000,
        ]
    ),
)


def check_response(response: TestResponse, what: str) -> None:
    """Never a server error, and nothing we were sent comes back as live HTML."""
    assert response.status_code < 500, f"{what}: {response.status_code}"
    if response.mimetype == "text/html":
        body = response.get_data(as_text=True)
        for marker in (SCRIPT, IMG, "<img src=x"):
            assert marker not in body, f"{what}: {marker!r} rendered as HTML"


def browser_text(text: str) -> str:
    """What a browser can put in a form: any text, lone surrogates replaced (it cannot send
    them; a test client cannot encode them)."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def form_fields(names: list[str], real: list[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A form: the fields a page has (any of them missing), values hostile or real, plus
    fields nobody asked for."""
    typed = st.one_of(short_text, short_text, attack_text).map(browser_text)
    value = st.one_of(typed, st.sampled_from([*real, "on", "1", "-1", "99999999999"]))
    known = st.fixed_dictionaries({}, optional={n: value for n in names})
    extra = st.dictionaries(typed, value, max_size=2)
    return st.tuples(known, extra).map(lambda pair: {**pair[1], **pair[0]})

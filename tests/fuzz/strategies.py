"""Hostile input for every boundary: what a careless, broken or malicious client might send.

Strings that attack (SQL, HTML and script, template syntax, format strings, bidi overrides,
control characters, lone surrogates, emoji, huge and empty texts), values of the wrong type
(numbers where strings go, huge ints, NaN, bytes), missing, extra and nested fields. Each
strategy mixes in values that are almost right, so the fuzzing also reaches past the first check.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from kletsborden.config import (
    MAX_CODE_INPUT_LENGTH,
    MAX_IMPORT_BYTES,
    MAX_NAME_LENGTH,
    MAX_TYPED_ANSWER_LENGTH,
    SENSES,
)

# A marker that must never come back as live HTML in a page.
SCRIPT = "<script>alert('kb')</script>"
IMG = '"><img src=x onerror=alert(1)>'

ATTACKS = [
    "",
    " ",
    "\t\r\n",
    "\x00",
    "\x00abc",
    "\x1b[31mred",
    "\u202e",
    "\u202eAnna\u202c",
    "evil\u202etxt.exe",
    "\u200b\u200d\ufeff",
    "\u2066\u2069",
    "\ud800",
    "a\udfffb",
    "😀",
    "👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦",
    "🏳️‍🌈",
    "e\u0301e\u0301e\u0301",
    "ﷺﷺﷺ",
    "Z̷̡̛̛a̸l̵g̶o̵",
    "' OR '1'='1",
    "'; DROP TABLE rooms; --",
    '" OR 1=1 --',
    "1; SELECT pg_sleep(5)",
    "admin'--",
    SCRIPT,
    IMG,
    "javascript:alert(1)",
    "{{7*7}}",
    "{% raw %}",
    "${7*7}",
    "%s%s%s%n",
    "{0}{1}{name}",
    "../../../../etc/passwd",
    "..\\..\\windows",
    "%2e%2e%2f",
    "null",
    "undefined",
    "NaN",
    "true",
    "[]",
    "{}",
    "__proto__",
    "constructor",
    "{0}" * 3,
]
# (text, times): long texts are made when drawn, so that reprs of strategies stay short.
LONG = [
    ("\n", 500),
    ("x", MAX_NAME_LENGTH + 1),
    ("x", MAX_CODE_INPUT_LENGTH + 1),
    ("y", MAX_TYPED_ANSWER_LENGTH + 1),
    ("z", 100_000),
    ("🙂", 5000),
    ("\u202e", 2000),
]

attack_text = st.one_of(
    st.sampled_from(ATTACKS), st.sampled_from(LONG).map(lambda pair: pair[0] * pair[1])
)
any_text = st.text(max_size=60)  # every code point hypothesis likes: controls, surrogates, ...
hostile_text = st.one_of(attack_text, any_text, st.builds("".join, st.lists(attack_text)))
# For URLs and form fields, where one long text per request is plenty (and fast).
short_text = st.one_of(st.sampled_from(ATTACKS), any_text)

numbers = st.one_of(
    st.integers(min_value=-5, max_value=40),
    st.integers(),
    st.sampled_from([2**31, 2**63, -(2**63) - 1, 10**30]),
    st.floats(allow_nan=True, allow_infinity=True),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, hostile_text, st.binary(max_size=24))


def nested(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.one_of(hostile_text, st.sampled_from(FIELD_NAMES)), inner, max_size=4
            )
        ),
        max_leaves=12,
    )


def deep(depth: int) -> Any:
    """[[[...]]] ``depth`` levels down: parsers that recurse have a limit."""
    value: Any = "bottom"
    for _ in range(depth):
        value = [value]
    return value


# Field names of the protocol (docs/protocol.md §4) and of settings; the fuzzer also makes up
# its own. Events added later still get their fields tried when their names are listed here.
FIELD_NAMES = [
    "code",
    "name",
    "token",
    "language",
    "spectator",
    "screen_key",
    "seat_id",
    "settings",
    "sense",
    "to",
    "text",
    "locked",
    "show",
    "paused",
    "role",
    "takes_turns",
    "reaction",
    "reason",
    "note",
    "topic",
    "minutes",
    "card_id",
    "editions",
    "senses",
    "max_depth",
    "answering",
    "turn_timer_seconds",
    "max_players",
    "typed_answers",
    "label",
    "template",
    "planned_minutes",
    "for_seat",
    "play_mode",
    "camera",
    "muted",
    "on",
    "description",
    "candidate",
]


class Real:
    """Stands for a value of the room under test (its code, a token, a seat id), filled in
    by ``fill`` when the payload is sent: strategies stay the same from room to room."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return f"Real({self.name!r})"


REAL_NAMES = ["code", "display_code", "screen_key", "host_token", "player_token"]
REAL_NAMES += ["host_seat", "player_seat"]


def fill(value: Any, real: dict[str, Any]) -> Any:
    """``value`` with every ``Real`` replaced by the room's own value."""
    if isinstance(value, Real):
        return real[value.name]
    if isinstance(value, list):
        return [fill(v, real) for v in value]
    if isinstance(value, tuple):
        return tuple(fill(v, real) for v in value)
    if isinstance(value, dict):
        return {fill(k, real): fill(v, real) for k, v in value.items()}
    return value


def values() -> st.SearchStrategy[Any]:
    """A field value: mostly hostile, sometimes one that is right (a real seat id, the room's
    code, a sense), so checks behind the first one are reached too."""
    near: list[Any] = [*map(Real, REAL_NAMES), *SENSES, "nl", "en", "fr", "host", "cohost"]
    near += ["player", "king", "heart"]
    near += ["thanks", "me_too", "everyone", "drawer", True, False, 0, 1, 3, 30, 31]
    return st.one_of(
        st.sampled_from(near),
        scalars,
        nested(scalars),
        st.just(200).map(deep),
        settings_objects(),
    )


def settings_objects() -> st.SearchStrategy[dict[str, Any]]:
    names = st.sampled_from(
        [
            "editions",
            "senses",
            "max_depth",
            "answering",
            "turn_timer_seconds",
            "language",
            "max_players",
            "typed_answers",
            "host",
            "",
        ]
    )
    setting = st.one_of(
        scalars,
        st.lists(st.one_of(st.sampled_from([*SENSES, "kletsborden"]), scalars), max_size=25),
        st.sampled_from([["x" * 65], ["horen"] * 21, list(SENSES), [], 0, 3, 301, 3601]),
        st.sampled_from([["\x00"], ["kletsborden\x00"], ["kletsborden", "\x00horen"]]),
    )
    return st.dictionaries(names, setting, max_size=5)


def objects() -> st.SearchStrategy[dict[str, Any]]:
    """A payload object: the protocol's fields (some missing, some extra) with any values."""
    keys = st.one_of(st.sampled_from(FIELD_NAMES), hostile_text)
    return st.dictionaries(keys, values(), max_size=5)


NOTHING: tuple[Any, ...] = ()


def _arguments() -> st.SearchStrategy[tuple[Any, ...]]:
    """What one event carries: no argument, one (object or not), or several (``Real``s in it
    are filled in with ``fill``)."""
    one = st.one_of(
        objects(),
        objects(),
        objects(),
        st.none(),
        st.lists(scalars, max_size=3),
        hostile_text,
        numbers,
        st.booleans(),
        st.binary(max_size=16),
    )
    return st.one_of(
        st.just(NOTHING),
        st.tuples(one),
        st.tuples(one),
        st.tuples(one),
        st.lists(one, min_size=2, max_size=4).map(tuple),
    )


arguments = _arguments()


def event_arguments(fields: list[str]) -> st.SearchStrategy[tuple[Any, ...]]:
    """Arguments for an event whose fields are known: mostly one object with only those
    fields (any of them missing, with any values), else anything ``arguments`` makes."""
    if not fields:
        return arguments
    shaped = st.fixed_dictionaries({}, optional={f: values() for f in fields})
    return st.one_of(shaped.map(lambda d: (d,)), shaped.map(lambda d: (d,)), arguments)


# --- files for the deck editor's import ----------------------------------------------------

IMPORT_NAMES = st.one_of(
    st.sampled_from(
        [
            "cards.toml",
            "cards.json",
            "cards.csv",
            "CARDS.CSV",
            "cards",
            "cards.exe",
            ".toml",
            "a/../../cards.json",
            f"{SCRIPT}.csv",
            "\u202etxt.json",
            "x" * 300 + ".toml",
            "cards.json\x00.csv",
        ]
    ),
    hostile_text,
)


def _pick(items: list[Any]) -> st.SearchStrategy[Any]:
    """One of ``items``, drawn by index: a strategy over long values keeps a short repr."""
    return st.sampled_from(range(len(items))).map(items.__getitem__)


def import_bodies() -> st.SearchStrategy[bytes]:
    """File contents: broken and hostile versions of the three formats, and garbage."""
    toml = _pick(
        [
            b"format = 1\n",
            b"format = 1\nid = 'x'\n[name]\nnl = 'X'\n[[cards]]\nid = 'a'\n",
            b'format = 1\nid = "<script>"\n' + b"[[cards]]\n" * 50,
            b"format = " + b"[" * 5000 + b"]" * 5000,
            b"a = {" * 3000,
            b"format = 1\nid = 'ok'\nname = {nl = '\xe2\x80\xae x'}\n",
        ]
    )
    json_ = _pick(
        [
            b"{}",
            b"[]",
            b"null",
            b'{"format": "kletsborden-editions", "version": 1, "editions": [{}]}',
            b'{"format": "kletsborden-editions", "version": 1, "editions": "x"}',
            b'{"format": "kletsborden-editions", "version": 1, "editions": ['
            + b"{}," * 3000
            + b"{}]}",
            b'{"a": 1, "a": 2}',
            b"[" * 100_000 + b"]" * 100_000,
            b'{"format": "kletsborden-editions", "version": 1e999, "editions": []}',
            b'{"format": NaN}',
        ]
    )
    csv = _pick(
        [
            b"",
            b"\xef\xbb\xbf",
            b"edition;card;sense\n",
            b'"unclosed\n',
            b"a,b,c\n" + b"1,2,3\n" * 2000,
            b"=cmd|' /C calc'!A0,@SUM(1+1),+1,-1\n",
            b"\x00\x00\x00",
            "€;ü;ö\n".encode("cp1252"),
            b"\xff\xfe" + "a,b\n".encode("utf-16-le"),
        ]
    )
    return st.one_of(
        toml,
        json_,
        csv,
        st.binary(max_size=200),
        st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.just(MAX_IMPORT_BYTES + 1).map(lambda n: b"x" * n),
    )

"""Translated texts, from gettext catalogues (``locale/<language>/LC_MESSAGES/<domain>.po``).

The message ids are stable keys (``errors.not_your_turn``), not Dutch sentences: Dutch is the
source language, and rewording it does not orphan the translations. ``messages`` holds the game
(``ui.*``, ``errors.*``), ``admin`` the staff pages (``admin.*``). The ``.po`` files are compiled
to ``.mo`` when the package is built; docs/translating.md tells how to translate and check.

A text missing in a draft language falls back to English, then to Dutch; a reviewed language
is complete (a test checks that).
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from ..config import (
    DEFAULT_LANGUAGE,
    FAILED_JOIN_WINDOW_MINUTES,
    MAX_FAILED_JOINS,
    MAX_NAME_LENGTH,
    MAX_NEW_SEATS,
    MAX_REACTIONS,
    MAX_TYPED_ANSWER_LENGTH,
    NEW_SEAT_WINDOW_SECONDS,
    REACTION_WINDOW_SECONDS,
    ROOM_WINDOW_MINUTES,
)

LOCALE = Path(__file__).parent / "locale"
DOMAINS = ("messages", "admin")
FALLBACK_LANGUAGE = "en"
# Limits that messages may mention, so a message always states the limit that is enforced.
LIMITS = {
    "max_name_length": MAX_NAME_LENGTH,
    "max_typed_answer_length": MAX_TYPED_ANSWER_LENGTH,
    "max_reactions": MAX_REACTIONS,
    "reaction_window_seconds": REACTION_WINDOW_SECONDS,
    "max_failed_joins": MAX_FAILED_JOINS,
    "failed_join_window_minutes": FAILED_JOIN_WINDOW_MINUTES,
    "room_window_minutes": ROOM_WINDOW_MINUTES,
    "max_new_seats": MAX_NEW_SEATS,
    "new_seat_window_seconds": NEW_SEAT_WINDOW_SECONDS,
}

Text = str | tuple[str, ...]  # a plural message has one form per plural form of its language


def domain_of(key: str) -> str:
    return "admin" if key.startswith("admin.") else "messages"


def _read(language: str, domain: str) -> Catalog | None:
    """The compiled catalogue; the ``.po`` itself when running from a checkout never built."""
    folder = LOCALE / language / "LC_MESSAGES"
    for suffix, reader in ((".mo", read_mo), (".po", read_po)):
        path = folder / f"{domain}{suffix}"
        if path.is_file():
            with path.open("rb") as file:
                return reader(file)
    return None


class Texts:
    """One language's texts and its plural rule."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.texts: dict[str, Text] = {}
        self.plural_forms = 2
        self.plural: Callable[[int], int] = gettext.c2py("(n != 1)")
        for domain in DOMAINS:
            catalogue = _read(language, domain)
            if catalogue is None:
                continue
            self.plural_forms = catalogue.num_plurals
            self.plural = gettext.c2py(catalogue.plural_expr)
            for message in catalogue:
                key = message.id if isinstance(message.id, str) else message.id[0]
                text = message.string if isinstance(message.string, str) else tuple(message.string)
                if key and _filled(text) and not message.fuzzy:
                    self.texts[key] = text

    def form(self, text: Text, count: object) -> str:
        if isinstance(text, str):
            return text
        index = self.plural(count if isinstance(count, int) else 2)
        return text[min(index, len(text) - 1)]


def _filled(text: Text) -> bool:
    return bool(text) if isinstance(text, str) else all(text)


@cache
def texts(language: str) -> Texts:
    return Texts(language)


def language_or_default(language: object) -> str:
    from .languages import interface_languages

    known = isinstance(language, str) and language in interface_languages()
    return language if known else DEFAULT_LANGUAGE  # type: ignore[return-value]


def lookup(key: str, language: str) -> tuple[Text, Texts]:
    """The text of ``key`` in ``language``, else in English, else in Dutch (the source)."""
    for candidate in dict.fromkeys((language_or_default(language), FALLBACK_LANGUAGE, "nl")):
        found = texts(candidate)
        if key in found.texts:
            return found.texts[key], found
    raise KeyError(f"no message {key!r}")


def has_message(key: str) -> bool:
    return key in texts(DEFAULT_LANGUAGE).texts


def keys() -> list[str]:
    """Every message key, as the Dutch source catalogue has them."""
    return list(texts(DEFAULT_LANGUAGE).texts)


def translate(key: str, language: str, **params: object) -> str:
    """The text for ``key`` in ``language`` (Dutch when unknown), with ``{name}`` filled in.

    A plural message picks its form by ``count`` with the plural rule of its language. In a
    right-to-left language each value is isolated, so a room code, a number or a Latin name
    keeps its own direction inside the sentence (Unicode's FSI … PDI, as ``<bdi>`` does).
    """
    text, found = lookup(key, language)
    values = {**LIMITS, **params}
    if _right_to_left(language):
        values = {name: f"\u2068{value}\u2069" for name, value in values.items()}
    return found.form(text, params.get("count")).format_map(_Params(values))


def _right_to_left(language: str) -> bool:
    from .languages import interface_languages

    known = interface_languages().get(language)
    return known is not None and known.direction == "rtl"


class _Params(dict):
    """Placeholders without a value are left out rather than failing the whole message."""

    def __missing__(self, key: str) -> str:
        return ""


def error_body(code: str, params: dict[str, object], language: str) -> dict[str, object]:
    """The ``error`` object of every failed ack or API answer: stable code, translated message."""
    details = {k: v for k, v in params.items() if isinstance(v, (str, int, float))}
    return {"code": code, "message": translate(f"errors.{code}", language, **details), **details}


PLURAL_TABLE_SIZE = 200  # the browser takes n >= 200 as 100 + n % 100 (see static/js/strings.js)


def plural_table(found: Texts) -> str:
    """The plural form index for 0..199 as digits, for the browser (no rule code to run)."""
    return "".join(str(found.plural(n)) for n in range(PLURAL_TABLE_SIZE))


def client_strings(language: str, prefix: str = "ui.") -> dict[str, object]:
    """The texts the browser scripts need, in ``language``: ``{"messages": {key: text or
    {"forms": [...], "rule": language}}, "rules": {language: plural table}}``."""
    messages: dict[str, object] = {}
    rules: dict[str, str] = {}
    for key in keys():
        if not key.startswith(prefix):
            continue
        text, found = lookup(key, language)
        if isinstance(text, str):
            messages[key] = text
        else:
            messages[key] = {"forms": list(text), "rule": found.language}
            rules.setdefault(found.language, plural_table(found))
    return {"messages": messages, "rules": rules}

"""Which languages exist, what each is called and which way it is written: data, not code.

A card language is any language an edition has a text in; an edition may add one (say Somali,
``so``) by adding texts, with no change here. Names and writing direction come from the Unicode
CLDR through Babel, so every language is named in itself ("Türkçe", "العربية") the same way
everywhere: in the deck editor, on the card's "(Nederlands)" marker and in reports.
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale, UnknownLocaleError

from .i18n import has_message, translate

# A language tag as editions and clients write it: two or three lower-case letters (ISO 639).
_TAG = re.compile(r"[a-z]{2,3}")


@cache
def _locale(tag: str) -> Locale | None:
    if not isinstance(tag, str) or not _TAG.fullmatch(tag):
        return None
    try:
        return Locale.parse(tag)
    except (UnknownLocaleError, ValueError):
        return None


def is_language(tag: object) -> bool:
    """Whether ``tag`` names a language people write (``nl``, ``ar``, ``so``), not ``xx``."""
    return isinstance(tag, str) and _locale(tag) is not None


def language_name(tag: str) -> str:
    """The language's name in itself, with a capital where its script has one ("Polski")."""
    locale = _locale(tag)
    name = (locale.get_display_name(tag) if locale else None) or tag
    return name[:1].upper() + name[1:]


def direction(tag: str) -> str:
    """``"rtl"`` for languages written right to left (Arabic), else ``"ltr"``."""
    locale = _locale(tag)
    return "rtl" if locale is not None and locale.character_order == "right-to-left" else "ltr"


@cache
def describe(tag: str) -> dict[str, str]:
    """What a client needs to show a text in ``tag``: its name in itself and its direction.

    Cached, since every snapshot with a card asks: callers copy it, never change it."""
    return {"name": language_name(tag), "dir": direction(tag)}


def language_label(tag: str, lang: str) -> str:
    """A language's name on a page in ``lang``: the catalogue's where it has one ("Engels"),
    else the language's own name ("Türkçe"), so a new language needs no new message."""
    key = f"ui.language.{tag}"
    return translate(key, lang) if has_message(key) else language_name(tag)

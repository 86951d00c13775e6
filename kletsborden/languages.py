"""Card languages: any language an edition has a text in; an edition may add one (say Somali,
``so``) by adding texts, with no change here. Names and writing direction come from the Unicode
CLDR through Babel (``i18n.languages``, shared with the interface languages), so every language
is named in itself ("Türkçe", "العربية") the same way everywhere: in the deck editor, on the
card's "(Nederlands)" marker and in reports.
"""

from __future__ import annotations

from functools import cache

from .i18n import has_message, translate
from .i18n.languages import direction, is_language, language_name

__all__ = ["describe", "direction", "is_language", "language_label", "language_name"]


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

"""The interface languages are the catalogues that exist: adding a language is adding files.

Each ``locale/<code>/`` folder with a ``messages`` catalogue is a language. Its native name and
writing direction come from Babel's locale data (CLDR); ``locale/<code>/language.toml`` says
whether a person who speaks the language has reviewed it (``status = "reviewed"``) and may
override ``name`` or ``direction``. Without that file a language is a draft.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from babel import Locale, UnknownLocaleError

from ..config import DEFAULT_LANGUAGE
from . import LOCALE

STATUSES = ("reviewed", "draft")
# A language tag as catalogues, editions and clients write it: two or three lower-case letters.
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
    """The language's name in itself (CLDR), with a capital where its script has one
    ("Polski" heads a menu), so every page names a language the same way."""
    locale = _locale(tag)
    name = (locale.get_display_name(tag) if locale else None) or tag
    return name[:1].upper() + name[1:]


def direction(tag: str) -> str:
    """``"rtl"`` for languages written right to left (Arabic), else ``"ltr"``."""
    locale = _locale(tag)
    return "rtl" if locale is not None and locale.character_order == "right-to-left" else "ltr"


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself: "Türkçe", "العربية"
    direction: str  # "ltr" or "rtl", for <html dir>
    status: str  # "reviewed" or "draft"

    @property
    def reviewed(self) -> bool:
        return self.status == "reviewed"


def _language(code: str) -> Language:
    meta_path = LOCALE / code / "language.toml"
    meta = tomllib.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    status = meta.get("status", "draft")
    if status not in STATUSES:
        raise ValueError(f"{meta_path}: status must be one of {STATUSES}, not {status!r}")
    return Language(
        code=code,
        name=meta.get("name") or language_name(code),
        direction=meta.get("direction") or direction(code),
        status=status,
    )


@cache
def interface_languages() -> dict[str, Language]:
    """Every shipped interface language by code: the reviewed ones first, Dutch leading."""
    codes = {
        catalogue.parent.parent.name
        for pattern in ("*/LC_MESSAGES/messages.mo", "*/LC_MESSAGES/messages.po")
        for catalogue in LOCALE.glob(pattern)
    }
    languages = [_language(code) for code in codes]
    languages.sort(key=lambda lang: (not lang.reviewed, lang.code != DEFAULT_LANGUAGE, lang.code))
    return {language.code: language for language in languages}


def choose(remembered: object, accept_languages: Any) -> str:
    """A person's language: the one they chose on this device (the ``lang`` cookie), else the
    first of ours their browser asks for (werkzeug's ``Accept-Language``), else Dutch."""
    languages = interface_languages()
    if isinstance(remembered, str) and remembered in languages:
        return remembered
    return accept_languages.best_match(list(languages)) or DEFAULT_LANGUAGE

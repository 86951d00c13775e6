"""The interface languages are the catalogues that exist: adding a language is adding files.

Each ``locale/<code>/`` folder with a ``messages`` catalogue is a language. Its native name and
writing direction come from Babel's locale data (CLDR); ``locale/<code>/language.toml`` says
whether a person who speaks the language has reviewed it (``status = "reviewed"``) and may
override ``name`` or ``direction``. Without that file a language is a draft.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from babel import Locale

from ..config import DEFAULT_LANGUAGE
from . import LOCALE

STATUSES = ("reviewed", "draft")


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
    locale = Locale.parse(code)
    status = meta.get("status", "draft")
    if status not in STATUSES:
        raise ValueError(f"{meta_path}: status must be one of {STATUSES}, not {status!r}")
    rtl = locale.character_order == "right-to-left"
    native = locale.language_name or code
    return Language(
        code=code,
        name=meta.get("name") or native[:1].upper() + native[1:],  # "polski" heads a menu
        direction=meta.get("direction") or ("rtl" if rtl else "ltr"),
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

"""Translated texts. Every text a person reads lives in ``messages.toml``, Dutch beside English.

Keeping both languages side by side makes a missing translation visible at a glance, and a test
asserts that every key has a text in every language.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from ..config import DEFAULT_LANGUAGE, LANGUAGES

CATALOG = Path(__file__).with_name("messages.toml")


@cache
def catalog() -> dict[str, dict[str, str]]:
    """``{"errors.not_your_turn": {"nl": ..., "en": ...}, ...}``, flattened from the TOML tables."""
    flat: dict[str, dict[str, str]] = {}

    def walk(prefix: str, table: dict[str, Any]) -> None:
        if all(isinstance(v, str) for v in table.values()):
            flat[prefix] = table
            return
        for key, value in table.items():
            walk(f"{prefix}.{key}" if prefix else key, value)

    walk("", tomllib.loads(CATALOG.read_text(encoding="utf-8")))
    return flat


def language_or_default(language: object) -> str:
    return language if isinstance(language, str) and language in LANGUAGES else DEFAULT_LANGUAGE


def translate(key: str, language: str, **params: object) -> str:
    """The text for ``key`` in ``language`` (Dutch when unknown), with ``{name}`` filled in."""
    texts = catalog().get(key)
    if texts is None:
        raise KeyError(f"no message {key!r}")
    text = texts.get(language_or_default(language)) or texts[DEFAULT_LANGUAGE]
    return text.format(**params) if params else text

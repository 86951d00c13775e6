"""Translated texts. Every text a person reads lives in ``messages.toml``, Dutch beside English.

Keeping both languages side by side makes a missing translation visible at a glance, and a test
asserts that every key has a text in every language.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from ..config import DEFAULT_LANGUAGE, LANGUAGES, MAX_NAME_LENGTH, MAX_TYPED_ANSWER_LENGTH

CATALOG = Path(__file__).with_name("messages.toml")
# Limits that messages may mention, so a message always states the limit that is enforced.
LIMITS = {
    "max_name_length": MAX_NAME_LENGTH,
    "max_typed_answer_length": MAX_TYPED_ANSWER_LENGTH,
}


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
    return text.format_map(_Params({**LIMITS, **params}))


class _Params(dict):
    """Placeholders without a value are left out rather than failing the whole message."""

    def __missing__(self, key: str) -> str:
        return ""


def error_body(code: str, params: dict[str, object], language: str) -> dict[str, object]:
    """The ``error`` object of every failed ack or API answer: stable code, translated message."""
    details = {k: v for k, v in params.items() if isinstance(v, (str, int, float))}
    return {"code": code, "message": translate(f"errors.{code}", language, **details), **details}

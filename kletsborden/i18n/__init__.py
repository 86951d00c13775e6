"""Translated texts. Every text a person reads lives in a catalog here (``messages.toml`` for
the game, ``admin.toml`` for the deck editor), Dutch beside English.

Keeping both languages side by side makes a missing translation visible at a glance, and a test
asserts that every key has a text in every language.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from ..config import (
    DEFAULT_LANGUAGE,
    FAILED_JOIN_WINDOW_MINUTES,
    LANGUAGES,
    MAX_CANDIDATE_BYTES,
    MAX_FAILED_JOINS,
    MAX_NAME_LENGTH,
    MAX_NEW_SEATS,
    MAX_REACTIONS,
    MAX_SDP_BYTES,
    MAX_SIGNALS,
    MAX_TYPED_ANSWER_LENGTH,
    NEW_SEAT_WINDOW_SECONDS,
    REACTION_WINDOW_SECONDS,
    ROOM_WINDOW_MINUTES,
    SIGNAL_WINDOW_SECONDS,
)

CATALOGS = Path(__file__).parent
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
    "max_sdp_bytes": MAX_SDP_BYTES,
    "max_candidate_bytes": MAX_CANDIDATE_BYTES,
    "max_signals": MAX_SIGNALS,
    "signal_window_seconds": SIGNAL_WINDOW_SECONDS,
}


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, dict[str, str]]:
    if all(isinstance(value, str) for value in table.values()):
        return {prefix: table}
    flat: dict[str, dict[str, str]] = {}
    for key, value in table.items():
        flat.update(_flatten(value, f"{prefix}.{key}" if prefix else key))
    return flat


@cache
def catalog() -> dict[str, dict[str, str]]:
    """``{"errors.not_your_turn": {"nl": ..., "en": ...}, ...}``, flattened from the TOML tables."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(CATALOGS.glob("*.toml")):
        entries = _flatten(tomllib.loads(path.read_text(encoding="utf-8")))
        repeated = sorted(merged.keys() & entries.keys())
        if repeated:
            raise ValueError(f"{path.name} repeats message keys: {', '.join(repeated[:5])}")
        merged.update(entries)
    return merged


def language_or_default(language: object) -> str:
    return language if isinstance(language, str) and language in LANGUAGES else DEFAULT_LANGUAGE


def translate(key: str, language: str, **params: object) -> str:
    """The text for ``key`` in ``language`` (Dutch when unknown), with ``{name}`` filled in.

    Plural-aware: when ``count`` is 1 and the catalogue has ``<key>_one`` ("1 kaart"), that
    text is used instead of ``<key>`` ("{count} kaarten"); Dutch and English need no more forms.
    """
    texts = catalog().get(key)
    if texts is None:
        raise KeyError(f"no message {key!r}")
    if params.get("count") == 1:
        texts = catalog().get(f"{key}_one", texts)
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

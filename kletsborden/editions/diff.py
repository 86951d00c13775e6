"""What changed between two versions of a card or an edition, field by field, for people.

Versions are in the JSON export's shape (``files.card_json``), so a diff can be taken between
what the database holds, what an import file says and what the audit trail kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    """One field that differs; ``path`` is dotted like a form field: "nl.question", "depth"."""

    path: str
    old: Any
    new: Any


def flatten(version: dict[str, Any] | None) -> dict[str, Any]:
    """A version as path -> value; a card's texts become "<language>.<field>"."""
    flat: dict[str, Any] = {}
    for key, value in (version or {}).items():
        if key == "id":
            continue
        if key == "texts" and isinstance(value, dict):
            for language, text in value.items():
                for name, item in (text or {}).items():
                    flat[f"{language}.{name}"] = item
        elif isinstance(value, dict):
            for name, item in value.items():
                flat[f"{key}.{name}"] = item
        else:
            flat[key] = value
    return flat


def changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[Change]:
    """The fields whose value differs, in the order of ``after`` then ``before``."""
    old, new = flatten(before), flatten(after)
    paths = list(dict.fromkeys([*new, *old]))
    return [Change(p, old.get(p), new.get(p)) for p in paths if old.get(p) != new.get(p)]

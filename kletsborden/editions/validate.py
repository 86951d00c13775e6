"""Checking an edition in the shape of the JSON export, whatever file format it came from.

Every reader in files.py turns its format into that nested shape first; the checks here then
accept and refuse exactly the same things for every format, and report every fault at once,
each with the card it is in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kletsborden.config import (
    DEPTHS,
    KINDS,
    MAX_CARDS_PER_EDITION,
    MAX_EDITION_DESCRIPTION_LENGTH,
    MAX_EDITION_NAME_LENGTH,
    MAX_FOLLOW_UP_LENGTH,
    MAX_ID_LENGTH,
    MAX_IMAGE_ALT_LENGTH,
    MAX_QUESTION_LENGTH,
    SENSES,
)
from kletsborden.editions.model import (
    EDITION_STATUSES,
    STATUS_WORDS,
    TEXT_STATUSES,
    CardSpec,
    CardText,
    EditionFileError,
    EditionSpec,
    Fault,
)
from kletsborden.languages import is_language

_SLUG = re.compile(f"[a-z0-9-]{{1,{MAX_ID_LENGTH}}}")
_SLUG_RULE = f"1 to {MAX_ID_LENGTH} characters of a-z, 0-9 and '-'"
_EDITION_KEYS = ("id", "name", "description", "status", "cards")
CARD_KEYS = ("id", "sense", "kind", "depth", "image", "active", "texts")
_CARD_KEYS_SHOWN = "id, sense, kind, depth, image, active and a text per language"
_TEXT_LIMITS = {
    "question": MAX_QUESTION_LENGTH,
    "follow_up": MAX_FOLLOW_UP_LENGTH,
    "image_alt": MAX_IMAGE_ALT_LENGTH,
}
MISSING: Any = object()
# Any language people write may have card texts: an edition brings its own languages. A fault
# names a few codes as examples, not as the list.
_EXAMPLE_LANGUAGES = ["nl", "en", "tr", "ar", "pl", "uk"]
_LANGUAGE_RULE = "a language code such as nl, en, tr, ar, pl or uk"


@dataclass
class Report:
    """Collects every fault of one file; ``edition`` names the edition being checked."""

    file: str
    faults: list[Fault] = field(default_factory=list)
    edition: str | None = None

    def add(
        self,
        card: str | None,
        reason: str,
        *,
        path: str | None = None,
        code: str | None = None,
        **params: object,
    ) -> None:
        """Record a fault; ``path`` and ``code`` let the deck editor show it at its field."""
        fault = Fault(self.file, card, reason, path, code, params, edition=self.edition)
        self.faults.append(fault)

    def fail(self, reason: str, *, code: str | None = None, **params: object) -> EditionFileError:
        """A fault that stops reading at once, because nothing after it could be checked."""
        return EditionFileError([Fault(self.file, None, reason, "file", code, params)])


def raise_faults(report: Report) -> None:
    if report.faults:
        raise EditionFileError(report.faults)


def check_editions(raw_editions: list[Any], report: Report) -> list[EditionSpec]:
    """Check each edition; with several in a file, each fault says which edition it is in."""
    editions = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_editions, 1):
        label = _slug_or(raw.get("id") if isinstance(raw, dict) else None, f"#{index}")
        report.edition = label
        if label in seen:
            report.add(None, "this edition id is used more than once in the file", code="twice")
        seen.add(label)
        edition = check_edition(raw, report)
        if edition is not None:
            editions.append(edition)
    report.edition = None
    return editions


def check_edition(raw: Any, report: Report) -> EditionSpec | None:
    """A checked edition, or None after reporting what is wrong with it."""
    if not isinstance(raw, dict):
        report.add(None, "an edition must be a table of edition fields", code="shape")
        return None
    report.edition = report.edition or _slug_or(raw.get("id"), "") or None
    before = len(report.faults)
    unknown_keys(raw, _EDITION_KEYS, report, None)
    edition_id = _slug(raw, "id", report, None)
    before_name = len(report.faults)
    name = _language_map(raw.get("name", MISSING), "name", MAX_EDITION_NAME_LENGTH, report)
    if not name and len(report.faults) == before_name:
        report.add(
            None,
            "name is missing; give it in at least one language (nl, en, ...)",
            path="name",
            code="missing",
        )
    description = _language_map(
        raw.get("description", MISSING), "description", MAX_EDITION_DESCRIPTION_LENGTH, report
    )
    status = _status(raw, report)
    cards = _cards(raw.get("cards", []), report)
    if len(report.faults) > before:
        return None
    return EditionSpec(edition_id, name, description, status, cards)


def check_card(raw: Any, file: str = "") -> tuple[CardSpec | None, list[Fault]]:
    """One card on its own, as the deck editor submits it: the card, or None and every fault.

    The same checks as a card in a file, so a card saved in the editor always exports and
    imports again. That no other card of its edition has the same id is the caller's to check.
    """
    report = Report(file)
    label = _slug_or(raw.get("id") if isinstance(raw, dict) else None, "")
    card = _card(raw, label, report)
    return card, report.faults


def _cards(raw_cards: Any, report: Report) -> tuple[CardSpec, ...]:
    """Check every card, and that no two cards share an id (imports match cards by id)."""
    if not isinstance(raw_cards, list):
        report.add(None, "cards must be a list of cards", path="cards", code="shape")
        return ()
    if len(raw_cards) > MAX_CARDS_PER_EDITION:
        report.add(
            None,
            f"has {len(raw_cards)} cards; the limit is {MAX_CARDS_PER_EDITION}",
            code="too_many_cards",
            limit=MAX_CARDS_PER_EDITION,
        )
    cards = []
    first_position: dict[str, int] = {}
    for position, raw in enumerate(raw_cards, 1):
        label = _slug_or(raw.get("id") if isinstance(raw, dict) else None, f"#{position}")
        if label in first_position:
            report.add(
                label,
                f"id is also used by card #{first_position[label]}; ids must differ",
                path="id",
                code="duplicate_id",
            )
        first_position.setdefault(label, position)
        card = _card(raw, label, report)
        if card is not None:
            cards.append(card)
    return tuple(cards)


def _card(raw: Any, label: str, report: Report) -> CardSpec | None:
    """A checked card, or None after reporting every fault in it."""
    if not isinstance(raw, dict):
        report.add(label, "a card must be a table of card fields", code="shape")
        return None
    before = len(report.faults)
    unknown_keys(raw, CARD_KEYS, report, label, shown=_CARD_KEYS_SHOWN)
    card_id = _slug(raw, "id", report, label)
    sense = _choice(raw, "sense", SENSES, report, label)
    kind = _choice(raw, "kind", KINDS, report, label)
    depth = _choice(raw, "depth", DEPTHS, report, label)
    image = _image(raw.get("image"), report, label)
    active = raw.get("active", True)
    if not isinstance(active, bool):
        report.add(
            label,
            f"active must be true or false (got {shown(active)})",
            path="active",
            code="choice",
            options=["true", "false"],
            got=shown(active),
        )
    texts = _card_texts(raw.get("texts", {}), image is not None, report, label)
    if len(report.faults) > before:
        return None
    return CardSpec(card_id, sense, kind, depth, texts, image, active)


def _card_texts(raw: Any, has_image: bool, report: Report, label: str) -> dict[str, CardText]:
    """One text per language; every card needs one, and alt text wherever there is an image."""
    if not isinstance(raw, dict):
        report.add(label, "texts must map languages to card texts", path="texts", code="shape")
        return {}
    if not raw:
        report.add(
            label,
            "has no text; add at least one language (nl, en, ...)",
            path="texts",
            code="no_text",
        )
    texts = {}
    for lang, fields in raw.items():
        if not is_language(lang):
            report.add(
                label,
                f"unknown language {lang!r} (use {_LANGUAGE_RULE})",
                path="texts",
                code="unknown_language",
                options=_EXAMPLE_LANGUAGES,
                got=shown(lang),
            )
        elif not isinstance(fields, dict):
            reason = f"{lang} must be a table with {', '.join(_TEXT_LIMITS)}"
            report.add(label, reason, path="texts", code="shape")
        else:
            texts[lang] = _card_text(fields, lang, has_image, report, label)
    return texts


def _card_text(
    raw: dict[str, Any], lang: str, has_image: bool, report: Report, label: str
) -> CardText:
    unknown_keys(raw, (*_TEXT_LIMITS, "status"), report, label, where=f"{lang}: ")
    values = {
        key: _text(raw.get(key, MISSING), f"{lang}.{key}", limit, report, label, key == "question")
        for key, limit in _TEXT_LIMITS.items()
    }
    alt = raw.get("image_alt")
    if has_image and (alt is None or (isinstance(alt, str) and not alt.strip())):
        report.add(
            label,
            f"{lang}.image_alt is missing; a card with an image needs alt text",
            path=f"{lang}.image_alt",
            code="alt_missing",
        )
    status = raw.get("status", "reviewed")
    if status not in TEXT_STATUSES:
        report.add(
            label,
            f"{lang}.status must be {choices(TEXT_STATUSES)} (got {shown(status)})",
            path=f"{lang}.status",
            code="choice",
            options=list(TEXT_STATUSES),
            got=shown(status),
        )
    return CardText(values["question"] or "", values["follow_up"], values["image_alt"], status)


def _image(value: Any, report: Report, label: str) -> str | None:
    """Images are paths inside the edition's folder, never absolute or climbing out of it."""
    path = _text(MISSING if value is None else value, "image", None, report, label)
    if path is None:
        return None
    if path.startswith("/") or "\\" in path or ":" in path or ".." in path.split("/"):
        report.add(
            label,
            f"image must be a relative path like images/bel.svg, without '..', '\\', ':' "
            f"or a leading '/' (got {shown(path)})",
            path="image",
            code="image_path",
            got=shown(path),
        )
    return path


def _language_map(value: Any, what: str, limit: int, report: Report) -> dict[str, str]:
    """Edition names and descriptions: language -> text; empty texts count as absent."""
    if value is MISSING:
        return {}
    if not isinstance(value, dict):
        report.add(
            None, f'{what} must map languages to text, e.g. nl = "..."', path=what, code="shape"
        )
        return {}
    result = {}
    for lang, text in value.items():
        if not is_language(lang):
            report.add(
                None,
                f"{what}: unknown language {lang!r} (use {_LANGUAGE_RULE})",
                path=what,
                code="unknown_language",
                options=_EXAMPLE_LANGUAGES,
                got=shown(lang),
            )
            continue
        cleaned = _text(MISSING if text is None else text, f"{what}.{lang}", limit, report, None)
        if cleaned:
            result[lang] = cleaned
    return result


def _text(
    value: Any,
    what: str,
    limit: int | None,
    report: Report,
    label: str | None,
    required: bool = False,
) -> str | None:
    """A stripped, single-line text within its limit; an empty optional text counts as absent."""
    if value is MISSING or (value is None and not required):
        if required:
            report.add(label, f"{what} is missing", path=what, code="missing")
        return None
    if not isinstance(value, str):
        reason = f"{what} must be text (got {shown(value)})"
        report.add(label, reason, path=what, code="not_text", got=shown(value))
        return None
    text = value.strip()
    if not text:
        if required:
            report.add(label, f"{what} is empty", path=what, code="missing")
        return None
    at = next((i for i, ch in enumerate(text) if unicodedata.category(ch) in ("Cc", "Cs")), None)
    if at is not None:
        name, code = _CONTROL_NAMES.get(
            text[at], (f"the forbidden character U+{ord(text[at]):04X}", "control_character")
        )
        report.add(
            label,
            f"{what} contains {name}{f' after {shown(text[max(0, at - 30) : at])}' if at else ''} "
            "(cards are one line: control characters such as line breaks and tabs are not "
            "allowed)",
            path=what,
            code=code,
            character=f"U+{ord(text[at]):04X}",
            before=text[max(0, at - 30) : at],
        )
    if limit is not None and len(text) > limit:
        report.add(
            label,
            f"{what} is {len(text)} characters long; the limit is {limit}",
            path=what,
            code="too_long",
            length=len(text),
            limit=limit,
        )
    return text


_CONTROL_NAMES = {
    "\n": ("a line break", "line_break"),
    "\r": ("a line break", "line_break"),
    "\t": ("a tab", "tab"),
}


def _status(raw: dict[str, Any], report: Report) -> str | None:
    """The edition's status; the words the editor shows ("Concept") count as that status."""
    value = raw.get("status", "published")
    if isinstance(value, str):
        word = value.strip().lower()
        status = STATUS_WORDS.get(word, word)
        if status in EDITION_STATUSES:
            return status
    accepted = [*EDITION_STATUSES, *STATUS_WORDS]
    report.add(
        None,
        f"status must be {choices(accepted)} (got {shown(value)})",
        path="status",
        code="choice",
        options=accepted,
        got=shown(value),
    )
    return None


def _slug(raw: dict[str, Any], key: str, report: Report, label: str | None) -> str:
    """Ids are slugs, so they are safe in URLs and stay recognisable across imports."""
    value = raw.get(key, MISSING)
    what = "edition id" if label is None else "id"
    if value is MISSING:
        report.add(label, f"{what} is missing", path=key, code="missing")
        return ""
    if _slug_or(value, "") == "":
        report.add(
            label,
            f"{what} must be {_SLUG_RULE} (got {shown(value)})",
            path=key,
            code="slug",
            limit=MAX_ID_LENGTH,
        )
        return ""
    return value.strip()


def _slug_or(value: Any, fallback: str) -> str:
    """The stripped id if it is a usable slug, else ``fallback`` (a position such as "#12")."""
    if isinstance(value, str) and _SLUG.fullmatch(value.strip()):
        return value.strip()
    return fallback


def _choice(
    raw: dict[str, Any],
    key: str,
    options: tuple[Any, ...],
    report: Report,
    label: str | None,
    default: Any = MISSING,
) -> Any:
    """One of a fixed set of values; the type must match too, since True == 1 in Python."""
    value = raw.get(key, default)
    if value is MISSING:
        report.add(label, f"{key} is missing", path=key, code="missing")
        return None
    if isinstance(value, str):
        value = value.strip()
    if type(value) is not type(options[0]) or value not in options:
        report.add(
            label,
            f"{key} must be {choices(options)} (got {shown(value)})",
            path=key,
            code="choice",
            options=[str(option) for option in options],
            got=shown(value),
        )
        return None
    return value


def unknown_keys(
    raw: dict[str, Any],
    allowed: tuple[str, ...],
    report: Report,
    label: str | None,
    where: str = "",
    shown: str | None = None,
) -> None:
    """Report keys the format does not know, so a typo never passes silently."""
    for key in raw:
        if key not in allowed:
            report.add(
                label,
                f"{where}unknown key {key!r} (allowed: {shown or ', '.join(allowed)})",
                path=key,
                code="unknown_key",
            )


def choices(options: Sequence[Any]) -> str:
    words = [str(option) for option in options]
    return ", ".join(words[:-1]) + " or " + words[-1]


def shown(value: Any) -> str:
    """A short rendering of a bad value for a fault message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."

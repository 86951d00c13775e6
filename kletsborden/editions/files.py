"""Reading, validating and writing edition files: TOML for authors, JSON and CSV for export.

Every reader first turns its format into the nested shape of the JSON export; one validator then
checks that shape. So all formats accept and refuse exactly the same things, and every fault in a
file is reported at once, each with the card it is in. The format is described in cards/README.md.
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kletsborden.config import (
    DEPTHS,
    KINDS,
    LANGUAGES,
    MAX_CARDS_PER_EDITION,
    MAX_EDITION_DESCRIPTION_LENGTH,
    MAX_EDITION_NAME_LENGTH,
    MAX_FOLLOW_UP_LENGTH,
    MAX_ID_LENGTH,
    MAX_IMAGE_ALT_LENGTH,
    MAX_IMPORT_BYTES,
    MAX_QUESTION_LENGTH,
    SENSES,
)
from kletsborden.editions.csvformat import csv_to_raw, editions_to_csv
from kletsborden.editions.model import (
    EDITION_STATUSES,
    CardSpec,
    CardText,
    EditionFileError,
    EditionSpec,
    Fault,
)

__all__ = [
    "editions_to_csv",
    "editions_to_json",
    "parse_csv",
    "parse_json",
    "parse_toml",
    "read_edition_file",
]

TOML_FORMAT = 1
JSON_FORMAT = "kletsborden-editions"
JSON_VERSION = 1

_SLUG = re.compile(f"[a-z0-9-]{{1,{MAX_ID_LENGTH}}}")
_SLUG_RULE = f"1 to {MAX_ID_LENGTH} characters of a-z, 0-9 and '-'"
_EDITION_KEYS = ("id", "name", "description", "status", "cards")
_CARD_KEYS = ("id", "sense", "kind", "depth", "image", "active", "texts")
_CARD_KEYS_SHOWN = "id, sense, kind, depth, image, active and a text per language"
_TEXT_LIMITS = {
    "question": MAX_QUESTION_LENGTH,
    "follow_up": MAX_FOLLOW_UP_LENGTH,
    "image_alt": MAX_IMAGE_ALT_LENGTH,
}
_MISSING: Any = object()


@dataclass
class _Report:
    """Collects every fault of one file; ``prefix`` names the edition when a file has several."""

    file: str
    faults: list[Fault] = field(default_factory=list)
    prefix: str = ""

    def add(self, card: str | None, reason: str) -> None:
        self.faults.append(Fault(self.file, card, self.prefix + reason))

    def fail(self, reason: str) -> EditionFileError:
        """A fault that stops reading at once, because nothing after it could be checked."""
        return EditionFileError([Fault(self.file, None, reason)])


def read_edition_file(path: Path) -> list[EditionSpec]:
    """Read a .toml, .json or .csv edition file; raises EditionFileError listing every fault."""
    report = _Report(str(path))
    parse = _PARSERS.get(path.suffix.lower())
    if parse is None:
        suffix = repr(path.suffix) if path.suffix else "(none)"
        raise report.fail(f"unsupported file type {suffix}; use .toml, .json or .csv")
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_IMPORT_BYTES + 1)
    except OSError as err:
        raise report.fail(f"cannot read the file: {err.strerror or err}") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise report.fail(_too_large())
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise report.fail(
            f"line {line}: the file is not UTF-8 text; save it as UTF-8 (Excel: 'CSV UTF-8')"
        ) from None
    return parse(text, str(path))


def parse_toml(text: str, file: str) -> EditionSpec:
    """One edition from TOML text, as an admin writes it."""
    report = _Report(file)
    text = _prepare(text, report)
    try:
        data = tomllib.loads(text)
    except ValueError as err:
        raise report.fail(f"invalid TOML: {err}") from None
    except RecursionError:
        raise report.fail("invalid TOML: nested too deeply") from None
    version = data.pop("format", _MISSING)
    if version is _MISSING:
        report.add(None, f"format is missing; start the file with format = {TOML_FORMAT}")
    elif type(version) is not int or version != TOML_FORMAT:
        report.add(None, f"format must be {TOML_FORMAT} (got {_shown(version)})")
    edition = _edition(_toml_to_raw(data), report)
    _raise_faults(report)
    assert edition is not None
    return edition


def _toml_to_raw(data: dict[str, Any]) -> dict[str, Any]:
    """TOML puts each language table straight in the card; move them under "texts" like JSON."""
    cards = data.get("cards")
    if not isinstance(cards, list):
        return data
    return {**data, "cards": [_toml_card(c) if isinstance(c, dict) else c for c in cards]}


def _toml_card(card: dict[str, Any]) -> dict[str, Any]:
    """A table in a card that is not a card field is a language; a stray "texts" is one too."""
    facts = {
        key: value
        for key, value in card.items()
        if key != "texts" and (key in _CARD_KEYS or not isinstance(value, dict))
    }
    texts = {key: value for key, value in card.items() if key not in facts}
    return {**facts, "texts": texts}


class _DuplicateKey(ValueError):
    """JSON allows a key twice and keeps the last; for an edition that hides a mistake."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def parse_json(text: str, file: str) -> list[EditionSpec]:
    """All editions of a JSON export."""
    report = _Report(file)
    text = _prepare(text, report)
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as err:
        reason = f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}"
        raise report.fail(reason) from None
    except _DuplicateKey as err:
        reason = f"invalid JSON: key {err.args[0]!r} appears twice in one object"
        raise report.fail(reason) from None
    except ValueError as err:
        raise report.fail(f"invalid JSON: {err}") from None
    except RecursionError:
        raise report.fail("invalid JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise report.fail("the file must hold one JSON object with format, version and editions")
    _unknown_keys(data, ("format", "version", "editions"), report, None)
    if data.get("format") != JSON_FORMAT:
        report.add(None, f"format must be {JSON_FORMAT!r} (got {_shown(data.get('format'))})")
    version = data.get("version")
    if type(version) is not int or version != JSON_VERSION:
        report.add(None, f"version must be {JSON_VERSION} (got {_shown(version)})")
    raw_editions = data.get("editions", _MISSING)
    if not isinstance(raw_editions, list):
        report.add(None, "editions must be a list of editions")
        raw_editions = []
    editions = _editions(raw_editions, report)
    _raise_faults(report)
    return editions


def parse_csv(text: str, file: str) -> list[EditionSpec]:
    """All editions of a CSV export, also as saved by (Dutch) Excel: BOM and ';' are fine."""
    report = _Report(file)
    text = _prepare(text, report)
    raw_editions, row_faults = csv_to_raw(text, file)
    report.faults += row_faults
    editions = _editions(raw_editions, report)
    _raise_faults(report)
    return editions


_PARSERS: dict[str, Callable[[str, str], list[EditionSpec]]] = {
    ".toml": lambda text, file: [parse_toml(text, file)],
    ".json": parse_json,
    ".csv": parse_csv,
}


def editions_to_json(editions: Sequence[EditionSpec]) -> str:
    """The JSON export: readable UTF-8, keys in a fixed order so exports diff cleanly."""
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "editions": [_edition_json(edition) for edition in editions],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _edition_json(edition: EditionSpec) -> dict[str, Any]:
    return {
        "id": edition.id,
        "name": _by_language(edition.name),
        "description": _by_language(edition.description),
        "status": edition.status,
        "cards": [_card_json(card) for card in edition.cards],
    }


def _card_json(card: CardSpec) -> dict[str, Any]:
    texts = {
        lang: {"question": t.question, "follow_up": t.follow_up, "image_alt": t.image_alt}
        for lang, t in _by_language(card.texts).items()
    }
    return {
        "id": card.id,
        "sense": card.sense,
        "kind": card.kind,
        "depth": card.depth,
        "image": card.image,
        "active": card.active,
        "texts": texts,
    }


def _by_language(mapping: dict[str, Any]) -> dict[str, Any]:
    """Languages in config order, then any others, so output does not depend on input order."""
    order = {lang: index for index, lang in enumerate(LANGUAGES)}
    keys = sorted(mapping, key=lambda lang: (order.get(lang, len(order)), lang))
    return {lang: mapping[lang] for lang in keys}


def _prepare(text: str, report: _Report) -> str:
    """Refuse oversized input (also for uploads that never were a file) and drop a BOM."""
    too_many_chars = len(text) > MAX_IMPORT_BYTES
    if too_many_chars or len(text.encode("utf-8", "surrogatepass")) > MAX_IMPORT_BYTES:
        raise report.fail(_too_large())
    return text.removeprefix("\ufeff")


def _too_large() -> str:
    return f"the file is larger than the limit of {MAX_IMPORT_BYTES} bytes (MAX_IMPORT_BYTES)"


def _raise_faults(report: _Report) -> None:
    if report.faults:
        raise EditionFileError(report.faults)


def _editions(raw_editions: list[Any], report: _Report) -> list[EditionSpec]:
    """Check each edition; with several in a file, each fault says which edition it is in."""
    editions = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_editions, 1):
        label = _slug_or(raw.get("id") if isinstance(raw, dict) else None, f"#{index}")
        report.prefix = f"edition {label}: " if len(raw_editions) > 1 else ""
        if label in seen:
            report.add(None, "this edition id is used more than once in the file")
        seen.add(label)
        edition = _edition(raw, report)
        if edition is not None:
            editions.append(edition)
    report.prefix = ""
    return editions


def _edition(raw: Any, report: _Report) -> EditionSpec | None:
    """A checked edition, or None after reporting what is wrong with it."""
    if not isinstance(raw, dict):
        report.add(None, "an edition must be a table of edition fields")
        return None
    before = len(report.faults)
    _unknown_keys(raw, _EDITION_KEYS, report, None)
    edition_id = _slug(raw, "id", report, None)
    before_name = len(report.faults)
    name = _language_map(raw.get("name", _MISSING), "name", MAX_EDITION_NAME_LENGTH, report)
    if not name and len(report.faults) == before_name:
        report.add(None, f"name is missing; give it in at least one of {_choices(LANGUAGES)}")
    description = _language_map(
        raw.get("description", _MISSING), "description", MAX_EDITION_DESCRIPTION_LENGTH, report
    )
    status = _choice(raw, "status", EDITION_STATUSES, report, None, default="published")
    cards = _cards(raw.get("cards", []), report)
    if len(report.faults) > before:
        return None
    return EditionSpec(edition_id, name, description, status, cards)


def _cards(raw_cards: Any, report: _Report) -> tuple[CardSpec, ...]:
    """Check every card, and that no two cards share an id (imports match cards by id)."""
    if not isinstance(raw_cards, list):
        report.add(None, "cards must be a list of cards")
        return ()
    if len(raw_cards) > MAX_CARDS_PER_EDITION:
        report.add(None, f"has {len(raw_cards)} cards; the limit is {MAX_CARDS_PER_EDITION}")
    cards = []
    first_position: dict[str, int] = {}
    for position, raw in enumerate(raw_cards, 1):
        label = _slug_or(raw.get("id") if isinstance(raw, dict) else None, f"#{position}")
        if label in first_position:
            report.add(label, f"id is also used by card #{first_position[label]}; ids must differ")
        first_position.setdefault(label, position)
        card = _card(raw, label, report)
        if card is not None:
            cards.append(card)
    return tuple(cards)


def _card(raw: Any, label: str, report: _Report) -> CardSpec | None:
    """A checked card, or None after reporting every fault in it."""
    if not isinstance(raw, dict):
        report.add(label, "a card must be a table of card fields")
        return None
    before = len(report.faults)
    _unknown_keys(raw, _CARD_KEYS, report, label, shown=_CARD_KEYS_SHOWN)
    card_id = _slug(raw, "id", report, label)
    sense = _choice(raw, "sense", SENSES, report, label)
    kind = _choice(raw, "kind", KINDS, report, label)
    depth = _choice(raw, "depth", DEPTHS, report, label)
    image = _image(raw.get("image"), report, label)
    active = raw.get("active", True)
    if not isinstance(active, bool):
        report.add(label, f"active must be true or false (got {_shown(active)})")
    texts = _card_texts(raw.get("texts", {}), image is not None, report, label)
    if len(report.faults) > before:
        return None
    return CardSpec(card_id, sense, kind, depth, texts, image, active)


def _card_texts(raw: Any, has_image: bool, report: _Report, label: str) -> dict[str, CardText]:
    """One text per language; every card needs one, and alt text wherever there is an image."""
    if not isinstance(raw, dict):
        report.add(label, "texts must map languages to card texts")
        return {}
    if not raw:
        report.add(label, f"has no text; add at least one language ({_choices(LANGUAGES)})")
    texts = {}
    for lang, fields in raw.items():
        if lang not in LANGUAGES:
            report.add(label, f"unknown language {lang!r} (use {_choices(LANGUAGES)})")
        elif not isinstance(fields, dict):
            report.add(label, f"{lang} must be a table with {', '.join(_TEXT_LIMITS)}")
        else:
            texts[lang] = _card_text(fields, lang, has_image, report, label)
    return texts


def _card_text(
    raw: dict[str, Any], lang: str, has_image: bool, report: _Report, label: str
) -> CardText:
    _unknown_keys(raw, tuple(_TEXT_LIMITS), report, label, where=f"{lang}: ")
    values = {
        key: _text(raw.get(key, _MISSING), f"{lang}.{key}", limit, report, label, key == "question")
        for key, limit in _TEXT_LIMITS.items()
    }
    alt = raw.get("image_alt")
    if has_image and (alt is None or (isinstance(alt, str) and not alt.strip())):
        report.add(label, f"{lang}.image_alt is missing; a card with an image needs alt text")
    return CardText(values["question"] or "", values["follow_up"], values["image_alt"])


def _image(value: Any, report: _Report, label: str) -> str | None:
    """Images are paths inside the edition's folder, never absolute or climbing out of it."""
    path = _text(_MISSING if value is None else value, "image", None, report, label)
    if path is None:
        return None
    if path.startswith("/") or "\\" in path or ":" in path or ".." in path.split("/"):
        report.add(
            label,
            f"image must be a relative path like images/bel.svg, without '..', '\\', ':' "
            f"or a leading '/' (got {_shown(path)})",
        )
    return path


def _language_map(value: Any, what: str, limit: int, report: _Report) -> dict[str, str]:
    """Edition names and descriptions: language -> text; empty texts count as absent."""
    if value is _MISSING:
        return {}
    if not isinstance(value, dict):
        report.add(None, f'{what} must map languages to text, e.g. nl = "..."')
        return {}
    result = {}
    for lang, text in value.items():
        if lang not in LANGUAGES:
            report.add(None, f"{what}: unknown language {lang!r} (use {_choices(LANGUAGES)})")
            continue
        cleaned = _text(_MISSING if text is None else text, f"{what}.{lang}", limit, report, None)
        if cleaned:
            result[lang] = cleaned
    return result


def _text(
    value: Any,
    what: str,
    limit: int | None,
    report: _Report,
    label: str | None,
    required: bool = False,
) -> str | None:
    """A stripped, single-line text within its limit; an empty optional text counts as absent."""
    if value is _MISSING or (value is None and not required):
        if required:
            report.add(label, f"{what} is missing")
        return None
    if not isinstance(value, str):
        report.add(label, f"{what} must be text (got {_shown(value)})")
        return None
    text = value.strip()
    if not text:
        if required:
            report.add(label, f"{what} is empty")
        return None
    bad = next((ch for ch in text if unicodedata.category(ch) in ("Cc", "Cs")), None)
    if bad is not None:
        report.add(
            label,
            f"{what} contains the forbidden character U+{ord(bad):04X} "
            "(control characters such as line breaks and tabs are not allowed)",
        )
    if limit is not None and len(text) > limit:
        report.add(label, f"{what} is {len(text)} characters long; the limit is {limit}")
    return text


def _slug(raw: dict[str, Any], key: str, report: _Report, label: str | None) -> str:
    """Ids are slugs, so they are safe in URLs and stay recognisable across imports."""
    value = raw.get(key, _MISSING)
    what = "edition id" if label is None else "id"
    if value is _MISSING:
        report.add(label, f"{what} is missing")
        return ""
    if _slug_or(value, "") == "":
        report.add(label, f"{what} must be {_SLUG_RULE} (got {_shown(value)})")
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
    report: _Report,
    label: str | None,
    default: Any = _MISSING,
) -> Any:
    """One of a fixed set of values; the type must match too, since True == 1 in Python."""
    value = raw.get(key, default)
    if value is _MISSING:
        report.add(label, f"{key} is missing")
        return None
    if isinstance(value, str):
        value = value.strip()
    if type(value) is not type(options[0]) or value not in options:
        report.add(label, f"{key} must be {_choices(options)} (got {_shown(value)})")
        return None
    return value


def _unknown_keys(
    raw: dict[str, Any],
    allowed: tuple[str, ...],
    report: _Report,
    label: str | None,
    where: str = "",
    shown: str | None = None,
) -> None:
    """Report keys the format does not know, so a typo never passes silently."""
    for key in raw:
        if key not in allowed:
            report.add(
                label, f"{where}unknown key {key!r} (allowed: {shown or ', '.join(allowed)})"
            )


def _choices(options: Sequence[Any]) -> str:
    words = [str(option) for option in options]
    return ", ".join(words[:-1]) + " or " + words[-1]


def _shown(value: Any) -> str:
    """A short rendering of a bad value for a fault message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."

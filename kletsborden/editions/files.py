"""Reading and writing edition files: TOML for authors, JSON and CSV for export.

Every reader turns its format into the nested shape of the JSON export and hands it to
validate.py, so all formats accept and refuse exactly the same things. The format is described
in cards/README.md.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kletsborden.config import LANGUAGES, MAX_IMPORT_BYTES  # LANGUAGES: the shipped order
from kletsborden.editions.csvformat import csv_to_raw, editions_to_csv
from kletsborden.editions.model import CardSpec, EditionSpec
from kletsborden.editions.validate import (
    CARD_KEYS,
    MISSING,
    Report,
    check_edition,
    check_editions,
    raise_faults,
    shown,
    unknown_keys,
)

__all__ = [
    "card_json",
    "editions_to_csv",
    "editions_to_json",
    "parse_csv",
    "parse_edition_bytes",
    "parse_json",
    "parse_toml",
    "read_edition_file",
]

TOML_FORMAT = 1
JSON_FORMAT = "kletsborden-editions"
JSON_VERSION = 1


def read_edition_file(path: Path) -> list[EditionSpec]:
    """Read a .toml, .json or .csv edition file; raises EditionFileError listing every fault."""
    report = Report(str(path))
    _parser_for(path, report)  # refuse an unsupported file before reading it
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_IMPORT_BYTES + 1)
    except OSError as err:
        detail = str(err.strerror or err)
        raise report.fail(
            f"cannot read the file: {detail}", code="unreadable", detail=detail
        ) from None
    return parse_edition_bytes(data, str(path))


def parse_edition_bytes(data: bytes, name: str) -> list[EditionSpec]:
    """The editions in a file's bytes (an upload, say); the name's ending says its format."""
    report = Report(name)
    parse = _parser_for(Path(name), report)
    if len(data) > MAX_IMPORT_BYTES:
        raise report.fail(_too_large(), code="too_large", limit=MAX_IMPORT_BYTES // 1024)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise report.fail(
            f"line {line}: the file is not UTF-8 text; save it as UTF-8 (Excel: 'CSV UTF-8')",
            code="not_utf8",
            line=line,
        ) from None
    return parse(text, name)


def _parser_for(path: Path, report: Report) -> Callable[[str, str], list[EditionSpec]]:
    parse = _PARSERS.get(path.suffix.lower())
    if parse is None:
        suffix = repr(path.suffix) if path.suffix else "(none)"
        reason = f"unsupported file type {suffix}; use .toml, .json or .csv"
        raise report.fail(reason, code="file_type")
    return parse


def parse_toml(text: str, file: str) -> EditionSpec:
    """One edition from TOML text, as an admin writes it."""
    report = Report(file)
    text = _prepare(text, report)
    try:
        data = tomllib.loads(text)
    except ValueError as err:
        raise report.fail(f"invalid TOML: {err}", code="unreadable", detail=str(err)) from None
    except RecursionError:
        raise report.fail(
            "invalid TOML: nested too deeply", code="unreadable", detail="nested too deeply"
        ) from None
    version = data.pop("format", MISSING)
    if version is MISSING:
        reason = f"format is missing; start the file with format = {TOML_FORMAT}"
        report.add(None, reason, path="format", code="format", expected=TOML_FORMAT, got="")
    elif type(version) is not int or version != TOML_FORMAT:
        reason = f"format must be {TOML_FORMAT} (got {shown(version)})"
        got = shown(version)
        report.add(None, reason, path="format", code="format", expected=TOML_FORMAT, got=got)
    edition = check_edition(_toml_to_raw(data), report)
    raise_faults(report)
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
        if key != "texts" and (key in CARD_KEYS or not isinstance(value, dict))
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
    report = Report(file)
    text = _prepare(text, report)
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as err:
        reason = f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}"
        raise report.fail(
            reason, code="unreadable", detail=reason.removeprefix("invalid JSON ")
        ) from None
    except _DuplicateKey as err:
        detail = f"key {err.args[0]!r} appears twice in one object"
        raise report.fail(f"invalid JSON: {detail}", code="unreadable", detail=detail) from None
    except ValueError as err:
        raise report.fail(f"invalid JSON: {err}", code="unreadable", detail=str(err)) from None
    except RecursionError:
        detail = "nested too deeply"
        raise report.fail(f"invalid JSON: {detail}", code="unreadable", detail=detail) from None
    if not isinstance(data, dict):
        reason = "the file must hold one JSON object with format, version and editions"
        raise report.fail(reason, code="shape")
    unknown_keys(data, ("format", "version", "editions"), report, None)
    if data.get("format") != JSON_FORMAT:
        got = shown(data.get("format"))
        reason = f"format must be {JSON_FORMAT!r} (got {got})"
        report.add(None, reason, path="format", code="format", expected=JSON_FORMAT, got=got)
    version = data.get("version")
    if type(version) is not int or version != JSON_VERSION:
        reason = f"version must be {JSON_VERSION} (got {shown(version)})"
        got = shown(version)
        report.add(None, reason, path="version", code="format", expected=JSON_VERSION, got=got)
    raw_editions = data.get("editions", MISSING)
    if not isinstance(raw_editions, list):
        report.add(None, "editions must be a list of editions", path="editions", code="shape")
        raw_editions = []
    editions = check_editions(raw_editions, report)
    raise_faults(report)
    return editions


def parse_csv(text: str, file: str) -> list[EditionSpec]:
    """All editions of a CSV export, also as saved by (Dutch) Excel: BOM and ';' are fine."""
    report = Report(file)
    text = _prepare(text, report)
    raw_editions, row_faults, rows = csv_to_raw(text, file)
    report.faults += row_faults
    editions = check_editions(raw_editions, report)
    report.faults = [rows.locate(fault) for fault in report.faults]
    raise_faults(report)
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
        "cards": [card_json(card) for card in edition.cards],
    }


def card_json(card: CardSpec) -> dict[str, Any]:
    """A card in the JSON export's shape, which ``check_card`` reads back to the same card."""
    texts = {
        lang: {
            "question": t.question,
            "follow_up": t.follow_up,
            "image_alt": t.image_alt,
            "status": t.status,
        }
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
    """Dutch and English first, then the others by code, so output does not depend on input
    order."""
    order = {lang: index for index, lang in enumerate(LANGUAGES)}
    keys = sorted(mapping, key=lambda lang: (order.get(lang, len(order)), lang))
    return {lang: mapping[lang] for lang in keys}


def _prepare(text: str, report: Report) -> str:
    """Refuse oversized input (also for uploads that never were a file) and drop a BOM."""
    too_many_chars = len(text) > MAX_IMPORT_BYTES
    if too_many_chars or len(text.encode("utf-8", "surrogatepass")) > MAX_IMPORT_BYTES:
        raise report.fail(_too_large(), code="too_large", limit=MAX_IMPORT_BYTES // 1024)
    return text.removeprefix("\ufeff")


def _too_large() -> str:
    megabytes = MAX_IMPORT_BYTES // (1024 * 1024)
    return f"the file is larger than {megabytes} MB, the most one import may be"

"""The CSV export format: one row per card per language, for editing in a spreadsheet.

Reading only deals with what is special about rows (columns, separators, rows of one card that
disagree); it turns the rows into the same nested shape as the JSON export, so the shared
validator in ``files.py`` checks CSV exactly like the other formats. An edition without cards
has no rows, so it cannot be written as CSV; use JSON for it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from kletsborden.config import LANGUAGES
from kletsborden.editions.model import EditionFileError, EditionSpec, Fault
from kletsborden.languages import is_language
from kletsborden.spreadsheet_cells import neutralise, restore

# An edition's name and description have a column per language: edition_name_nl, ..._tr.
TEXT_FIELDS = ("name", "description")


def edition_text_columns(languages: Sequence[str]) -> tuple[str, ...]:
    return tuple(f"edition_{what}_{lang}" for what in TEXT_FIELDS for lang in languages)


EDITION_COLUMNS = ("edition", "edition_status", *edition_text_columns(LANGUAGES))
CARD_COLUMNS = ("position", "id", "sense", "kind", "depth", "active", "image")
TEXT_COLUMNS = ("language", "question", "follow_up", "image_alt", "status")
CSV_COLUMNS = (*EDITION_COLUMNS, *CARD_COLUMNS, *TEXT_COLUMNS)


def _edition_text_column(column: str) -> tuple[str, str] | None:
    """``edition_name_tr`` -> ("name", "tr"): any language may name an edition."""
    for what in TEXT_FIELDS:
        lang = column.removeprefix(f"edition_{what}_")
        if lang != column and is_language(lang):
            return what, lang
    return None


def _known_column(column: str) -> bool:
    return column in CSV_COLUMNS or _edition_text_column(column) is not None


def _is_edition_column(column: str) -> bool:
    return column in ("edition", "edition_status") or _edition_text_column(column) is not None


REQUIRED_COLUMNS = ("edition", "position", "id", "sense", "kind", "depth", "language", "question")

_ACTIVE_WORDS = {
    **dict.fromkeys(("true", "1", "ja", "yes"), True),
    **dict.fromkeys(("false", "0", "nee", "no"), False),
}


def editions_to_csv(editions: Sequence[EditionSpec], delimiter: str = ",") -> str:
    """Write editions as CSV, no BOM, with ',' (or ';' for Dutch Excel, which reads that);
    raises ValueError for what CSV cannot hold. A text a spreadsheet would run as a formula
    gets a leading apostrophe, which reading takes off again (spreadsheet_cells.py)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    named = {lang for e in editions for lang in (*e.name, *e.description)}
    languages = sorted(set(LANGUAGES) | named, key=_language_order)
    writer.writerow(
        ("edition", "edition_status", *edition_text_columns(languages), *CARD_COLUMNS)
        + TEXT_COLUMNS
    )
    for edition in editions:
        _check_representable(edition)
        head = [
            edition.id,
            edition.status,
            *(edition.name.get(lang, "") for lang in languages),
            *(edition.description.get(lang, "") for lang in languages),
        ]
        for position, card in enumerate(edition.cards, 1):
            facts = [position, card.id, card.sense, card.kind, card.depth]
            facts += ["true" if card.active else "false", card.image or ""]
            for lang in sorted(card.texts, key=_language_order):
                text = card.texts[lang]
                words = [lang, text.question, text.follow_up or "", text.image_alt or ""]
                words.append(text.status)
                writer.writerow([neutralise(cell) for cell in [*head, *facts, *words]])
    return out.getvalue()


def _check_representable(edition: EditionSpec) -> None:
    """CSV rows exist per card text: refuse an edition whose cards would be lost."""
    if not edition.cards:
        raise ValueError(
            f"edition {edition.id!r} has no cards; CSV holds one row per card and language, "
            "so export this edition as JSON instead"
        )
    for card in edition.cards:
        if not card.texts:
            raise ValueError(f"card {card.id!r} of edition {edition.id!r} has no text to write")


def _language_order(lang: str) -> tuple[int, str]:
    """Known languages in config order first, so exports are stable and read naturally."""
    return (LANGUAGES.index(lang) if lang in LANGUAGES else len(LANGUAGES), lang)


@dataclass
class _CardRows:
    """What the rows of one card said so far, to spot rows that disagree."""

    first_row: int
    facts: dict[str, Any]
    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    text_rows: dict[str, int] = field(default_factory=dict)


@dataclass
class _EditionRows:
    """The edition columns as first seen, and the cards of the edition in file order."""

    first_row: int
    cells: dict[str, str]
    cards: dict[str, _CardRows] = field(default_factory=dict)


@dataclass
class RowMap:
    """Which row each edition, card and card text came from, to say where a fault is."""

    editions: dict[str, _EditionRows] = field(default_factory=dict)

    def locate(self, fault: Fault) -> Fault:
        """The fault with the row of its card text (a "nl.question" fault), card or edition."""
        edition = self.editions.get(fault.edition or "")
        if fault.row is not None or edition is None:
            return fault
        card = edition.cards.get(fault.card_id or "")
        if card is None:
            return replace(fault, row=edition.first_row)
        lang = (fault.path or "").partition(".")[0]
        return replace(fault, row=card.text_rows.get(lang, card.first_row))


def csv_to_raw(text: str, file: str) -> tuple[list[dict[str, Any]], list[Fault], RowMap]:
    """Group CSV rows into nested edition dicts, plus the faults that only rows can have, and
    where each edition and card came from."""
    faults: list[Fault] = []
    found = RowMap()
    rows = _read_rows(text, file)
    if not rows or not any(cell.strip() for cell in rows[0]):
        reason = "the file is empty; the first row must be the header"
        return [], [Fault(file, None, reason, code="csv_empty_file")], found
    header = [cell.strip().lower() for cell in rows[0]]
    faults += _header_faults(header, file)
    if any(column not in header for column in REQUIRED_COLUMNS):
        return [], faults, found
    editions = found.editions
    for row_number, cells in enumerate(rows[1:], start=2):
        record = _record(header, cells, row_number, file, faults)
        if record is not None:
            _add_record(record, row_number, editions, file, faults)
    raw = [_edition_raw(edition_id, rows_) for edition_id, rows_ in editions.items()]
    return raw, faults, found


def _read_rows(text: str, file: str) -> list[list[str]]:
    """Parse all rows, turning a syntax error into one Fault with the line it happened on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text), strict=True)
    try:
        return list(reader)
    except csv.Error as err:
        reason = f"invalid CSV near line {reader.line_num}: {err}"
        fault = Fault(file, None, reason, code="csv_syntax", params={"line": reader.line_num})
        raise EditionFileError([fault]) from None


def _separator(text: str) -> str:
    """Dutch Excel writes ';' where others write ','; the header line tells which one it is."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _header_faults(header: list[str], file: str) -> list[Fault]:
    """Unknown, doubled and missing columns; a typo in a column name must not drop data."""
    faults = []

    def add(reason: str, code: str, column: str) -> None:
        params = {"column": column, "options": list(CSV_COLUMNS)}
        faults.append(Fault(file, None, reason, code=code, params=params, row=1))

    for index, column in enumerate(header, 1):
        if not _known_column(column):
            shown = repr(column) if column else f"number {index} (no name)"
            add(f"unknown column {shown}", "csv_unknown_column", column or f"#{index}")
        elif header.index(column) != index - 1:
            add(f"column {column!r} appears twice", "csv_column_twice", column)
    for column in REQUIRED_COLUMNS:
        if column not in header:
            add(f"required column {column!r} is missing", "csv_column_missing", column)
    return faults


def _record(
    header: list[str], cells: list[str], row: int, file: str, faults: list[Fault]
) -> dict[str, str] | None:
    """One row as column -> stripped cell; None for blank rows and rows that cannot be used."""
    if not any(cell.strip() for cell in cells):
        return None
    if any(cell.strip() for cell in cells[len(header) :]):
        reason = "has more cells than the header has columns"
        faults.append(Fault(file, None, reason, code="csv_too_many_cells", row=row))
        return None
    padded = (cells + [""] * len(header))[: len(header)]
    pairs = zip(header, padded, strict=True)
    record = {column: restore(cell.strip()) for column, cell in pairs if _known_column(column)}
    for column in ("edition", "id"):
        if not record[column]:
            reason = f"column {column!r} is empty"
            faults.append(Fault(file, None, reason, column, "missing", row=row))
            return None
    return record


def _add_record(
    record: dict[str, str],
    row: int,
    editions: dict[str, _EditionRows],
    file: str,
    faults: list[Fault],
) -> None:
    """File one row under its edition and card, reporting cells that contradict earlier rows."""
    edition_cells = {
        column: value for column, value in record.items() if _is_edition_column(column)
    }
    edition = editions.setdefault(record["edition"], _EditionRows(row, edition_cells))
    slug = record["edition"]
    for column, value in edition_cells.items():
        if value != edition.cells[column]:
            reason = f"{column} differs from row {edition.first_row} of this edition"
            params = {"first": edition.first_row, "got": value}
            faults.append(Fault(file, None, reason, column, "csv_differs", params, slug, row))
    card_id = record["id"]
    facts = _card_facts(record, row, card_id, file, faults)
    card = edition.cards.setdefault(card_id, _CardRows(row, facts))
    for column in dict.fromkeys([*card.facts, *facts]):
        if facts.get(column) != card.facts.get(column):
            reason = f"{column} differs from row {card.first_row} of this card"
            params = {"first": card.first_row, "got": record.get(column, "")}
            faults.append(Fault(file, card_id, reason, column, "csv_differs", params, slug, row))
    lang = record["language"]
    if not lang:
        reason = "column 'language' is empty"
        faults.append(Fault(file, card_id, reason, "language", "missing", edition=slug, row=row))
    elif lang in card.texts:
        first = card.text_rows[lang]
        reason = f"a second {lang} text for this card (first on row {first})"
        params = {"first": first, "got": lang}
        faults.append(Fault(file, card_id, reason, "language", "csv_text_twice", params, slug, row))
    else:
        card.texts[lang] = {col: record[col] for col in TEXT_COLUMNS[1:] if record.get(col)}
        card.text_rows[lang] = row


def _card_facts(
    record: dict[str, str], row: int, card_id: str, file: str, faults: list[Fault]
) -> dict[str, Any]:
    """The card columns of a row, typed where the cell allows it; the validator judges the rest."""
    facts: dict[str, Any] = {
        "id": card_id,
        "position": _position(record, row, card_id, file, faults),
    }
    for column in ("sense", "kind", "image"):
        if record.get(column):
            facts[column] = record[column]
    depth = record["depth"]
    if depth:
        number = _whole_number(depth)
        facts["depth"] = depth if number is None else number
    active = record.get("active", "")
    if active:
        facts["active"] = _ACTIVE_WORDS.get(active.lower(), active)
    return facts


def _position(
    record: dict[str, str], row: int, card_id: str, file: str, faults: list[Fault]
) -> int | None:
    """Card order comes from the position column, so a sorted spreadsheet keeps its order."""
    cell = record["position"]
    number = _whole_number(cell)
    if number is not None and number >= 1:
        return number
    got = f" (got {cell[:40]!r})" if cell else ""
    reason = f"position must be a number from 1 up{got}"
    params = {"got": repr(cell[:40])}
    edition = record["edition"]
    faults.append(Fault(file, card_id, reason, "position", "csv_position", params, edition, row))
    return None


def _whole_number(cell: str) -> int | None:
    """A plain non-negative number; anything else (or absurdly long) is left to the fault text."""
    if cell.isascii() and cell.isdigit() and len(cell) <= 9:
        return int(cell)
    return None


def _edition_raw(edition_id: str, rows: _EditionRows) -> dict[str, Any]:
    """The JSON-shaped edition of the grouped rows; empty cells are left out, as absent."""
    cells = rows.cells
    raw: dict[str, Any] = {"id": edition_id, "name": {}, "description": {}}
    for column, value in cells.items():
        text_of = _edition_text_column(column)
        if text_of is not None and value:
            raw[text_of[0]][text_of[1]] = value
    if cells.get("edition_status"):
        raw["status"] = cells["edition_status"]
    ordered = sorted(
        rows.cards.values(),
        key=lambda card: (card.facts["position"] or float("inf"), card.first_row),
    )
    raw["cards"] = [_card_raw(card) for card in ordered]
    return raw


def _card_raw(card: _CardRows) -> dict[str, Any]:
    """The JSON-shaped card; position only orders the cards and is not part of a card."""
    raw = {key: value for key, value in card.facts.items() if key != "position"}
    raw["texts"] = card.texts
    return raw

"""Import and export in the deck editor: a dry run that shows what an upload would add, change
or reject, the import itself (audited under the admin's name), and downloads.

An import from the editor never publishes: an edition it adds is a draft, and an edition that
exists keeps its status. Publishing stays the explicit step it is on the edition's page.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from ..card_library import import_editions
from ..editions.diff import Change, changes
from ..editions.files import card_json, editions_to_csv, editions_to_json, parse_edition_bytes
from ..editions.model import CardSpec, EditionFileError, EditionSpec, Fault
from ..store.audit import edition_meta
from ..store.database import Database
from ..store.editions import ImportReport, load_editions
from . import EditorError, fault

# format -> (file ending, media type, CSV separator). "csv-excel" is what Dutch Excel opens.
EXPORT_FORMATS = {
    "json": ("json", "application/json", None),
    "csv": ("csv", "text/csv", ","),
    "csv-excel": ("csv", "text/csv", ";"),
}


@dataclass
class EditionPreview:
    """What an import does to one edition."""

    spec: EditionSpec
    is_new: bool
    changes: list[Change] = field(default_factory=list)
    added: list[CardSpec] = field(default_factory=list)
    changed: list[tuple[CardSpec, list[Change]]] = field(default_factory=list)
    unchanged: int = 0


@dataclass
class ImportPreview:
    """The whole dry run: per edition what would happen, or every reason it cannot."""

    editions: list[EditionPreview] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return any(e.is_new or e.changes or e.added or e.changed for e in self.editions)


def _read(name: str, data: bytes) -> list[EditionSpec]:
    try:
        return parse_edition_bytes(data, name or "upload")
    except EditionFileError as error:
        raise EditorError(error.faults) from None


def _as_drafts(db: Database, specs: list[EditionSpec]) -> tuple[list[EditionSpec], dict]:
    """The specs with the status the editor gives them, and the editions as they are now."""
    with db.transaction() as session:
        before = {e.id: e for e in load_editions(session, [s.id for s in specs])}
    status = {slug: edition.status for slug, edition in before.items()}
    return [replace(s, status=status.get(s.id, "draft")) for s in specs], before


def _preview(specs: list[EditionSpec], before: dict, report: ImportReport) -> ImportPreview:
    preview = ImportPreview()
    for spec in specs:
        old = before.get(spec.id)
        old_cards = {c.id: c for c in old.cards} if old else {}
        item = EditionPreview(spec, is_new=old is None)
        if old is not None:
            item.changes = changes(edition_meta(old), edition_meta(spec))
        for card in spec.cards:
            label = f"{spec.id}/{card.id}"
            if label in report.added:
                item.added.append(card)
            elif label in report.changed:
                diff = changes(card_json(old_cards[card.id]), card_json(card))
                item.changed.append((card, diff))
            else:
                item.unchanged += 1
        preview.editions.append(item)
    return preview


def preview_import(db: Database, name: str, data: bytes) -> ImportPreview:
    """A dry run: nothing is written. Faults are returned, not raised, to be shown."""
    try:
        specs, before = _as_drafts(db, _read(name, data))
    except EditorError as error:
        return ImportPreview(faults=error.faults)
    return _preview(specs, before, import_editions(db, specs, dry_run=True))


def run_import(db: Database, actor: str, name: str, data: bytes) -> ImportPreview:
    """Import an upload, all or nothing, with an audit entry per edition and card it changed."""
    specs, before = _as_drafts(db, _read(name, data))
    return _preview(specs, before, import_editions(db, specs, actor=actor))


def export_file(db: Database, slugs: list[str], fmt: str) -> tuple[str, str, bytes]:
    """(file name, media type, content) of an export; CSV starts with a BOM for Excel."""
    if fmt not in EXPORT_FORMATS:
        raise EditorError([fault("choice", f"unknown format {fmt!r}", "format")])
    ending, media_type, separator = EXPORT_FORMATS[fmt]
    with db.transaction() as session:
        editions = load_editions(session, slugs or None)
    if not editions:
        raise EditorError([fault("nothing_chosen", "no edition chosen", "edition")])
    if separator is None:
        content = editions_to_json(editions)
    else:
        empty = [e.id for e in editions if not e.cards]
        if empty:
            reason = "an edition without cards cannot be CSV"
            raise EditorError([fault("csv_empty", reason, "format", edition=", ".join(empty))])
        content = "\ufeff" + editions_to_csv(editions, delimiter=separator)
    label = editions[0].id if len(editions) == 1 else "edities"
    filename = f"kletsborden-{label}-{date.today().isoformat()}.{ending}"
    return filename, media_type, content.encode("utf-8")

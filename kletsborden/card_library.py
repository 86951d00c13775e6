"""Use cases for the card library: import edition files into the database, export them again.

Every file is read and validated before anything is written, and all of it is written in one
transaction, so a faulty file never leaves an import half done.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .editions.files import editions_to_csv, editions_to_json, read_edition_file
from .editions.model import EditionFileError, EditionSpec, Fault
from .paths import default_card_files
from .store import audit
from .store.database import Database
from .store.editions import ImportReport, has_editions, load_editions, save_editions

EXPORT_FORMATS = ("json", "csv")


def read_files(paths: Sequence[Path]) -> list[EditionSpec]:
    """All editions in ``paths``; one ``EditionFileError`` lists the faults of every file."""
    editions: list[EditionSpec] = []
    faults: list[Fault] = []
    for path in paths:
        try:
            editions.extend(read_edition_file(path))
        except EditionFileError as error:
            faults.extend(error.faults)
    seen: set[str] = set()
    for edition in editions:
        if edition.id in seen:
            reason = "this edition is in more than one file"
            faults.append(Fault("", None, reason, code="twice", edition=edition.id))
        seen.add(edition.id)
    if faults:
        raise EditionFileError(faults)
    return editions


def import_editions(
    db: Database, editions: Sequence[EditionSpec], dry_run: bool = False, actor: str = "cli"
) -> ImportReport:
    """Save editions by id (see ``save_editions``); a dry run reports and writes nothing.

    What an import adds or changes goes into the audit trail under ``actor``, in the same
    transaction.
    """
    with db.transaction() as session:
        before = {e.id: e for e in load_editions(session, [e.id for e in editions])}
        report = save_editions(session, editions)
        if dry_run:
            session.rollback()
        else:
            audit.record_import(session, actor, before, editions, report)
    return report


def import_files(
    db: Database, paths: Sequence[Path], dry_run: bool = False, actor: str = "cli"
) -> ImportReport:
    return import_editions(db, read_files(paths), dry_run=dry_run, actor=actor)


def export_editions(db: Database, slugs: Sequence[str] | None, fmt: str) -> str:
    """Editions as JSON or CSV text that ``import_files`` reads back without any change."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(EXPORT_FORMATS)}")
    with db.transaction() as session:
        editions = load_editions(session, slugs)
    missing = sorted(set(slugs or ()) - {e.id for e in editions})
    if missing:
        raise LookupError(f"no edition named {', '.join(missing)}")
    return editions_to_json(editions) if fmt == "json" else editions_to_csv(editions)


def prepare_database(db: Database) -> ImportReport | None:
    """Make a database ready to play: newest schema, and the default editions on first run."""
    db.upgrade()
    with db.transaction() as session:
        if has_editions(session):
            return None
    return import_files(db, default_card_files(), actor="setup")

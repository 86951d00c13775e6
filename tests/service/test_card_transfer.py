"""Import and export from the deck editor: a dry run that writes nothing, all-or-nothing imports
under the admin's name, and exports (JSON, CSV, CSV for Excel) that import back unchanged."""

from __future__ import annotations

import json

import pytest

from kletsborden.card_library import import_files
from kletsborden.deck_editor import EditorError
from kletsborden.deck_editor import editions as deck_editions
from kletsborden.deck_editor.transfer import export_file, preview_import, run_import
from kletsborden.paths import default_card_files
from kletsborden.store.database import Database

EXCEL_CSV = (
    "\ufeffedition;edition_status;edition_name_nl;position;id;sense;kind;depth;active;"
    "language;question;follow_up\r\n"
    "buurt;published;Onze buurt;1;markt;zien;gewoon;1;ja;nl;Wat zie je op de markt?;\r\n"
    "buurt;published;Onze buurt;1;markt;zien;gewoon;1;ja;en;What do you see at the market?;\r\n"
    'buurt;published;Onze buurt;2;bel;horen;ongewoon;2;nee;nl;"Hoe klinkt de bel; hard?";Waar?\r\n'
)


@pytest.fixture
def library(db: Database) -> Database:
    import_files(db, default_card_files())
    return db


def test_exports_import_back_without_any_change(library: Database) -> None:
    for fmt in ("json", "csv", "csv-excel"):
        name, _, content = export_file(library, [], fmt)
        preview = preview_import(library, name, content)
        assert not preview.faults, preview.faults
        assert not preview.changes_anything, fmt
        (item,) = preview.editions
        assert item.unchanged == len(deck_editions.get_edition(library, "kletsborden").cards)


def test_csv_for_excel_uses_semicolons_and_a_bom(library: Database) -> None:
    name, media_type, content = export_file(library, ["kletsborden"], "csv-excel")
    assert name.endswith(".csv") and media_type == "text/csv"
    assert content.startswith("\ufeffedition;edition_status;".encode())


def test_an_excel_file_imports_as_a_draft(library: Database) -> None:
    preview = preview_import(library, "buurt.csv", EXCEL_CSV.encode("utf-8"))
    assert not preview.faults
    (item,) = preview.editions
    assert item.is_new and item.spec.status == "draft", "the file said published"
    assert [c.id for c in item.added] == ["markt", "bel"]
    assert item.added[1].texts["nl"].question == "Hoe klinkt de bel; hard?"
    assert not item.added[1].active
    assert deck_editions.list_editions(library)[-1].id != "buurt", "a dry run writes nothing"
    run_import(library, "anna", "buurt.csv", EXCEL_CSV.encode("utf-8"))
    edition = deck_editions.get_edition(library, "buurt")
    assert edition.status == "draft" and len(edition.cards) == 2
    actors = {(e.action, e.actor) for e in deck_editions.history(library, "buurt")}
    assert actors == {("edition_imported", "anna"), ("card_imported", "anna")}


def test_a_dry_run_shows_changes_field_by_field(library: Database) -> None:
    _, _, content = export_file(library, ["kletsborden"], "json")
    document = json.loads(content)
    cards = document["editions"][0]["cards"]
    cards[0]["texts"]["nl"]["question"] = "Anders?"
    cards[1]["depth"] = 3
    cards.append({**cards[0], "id": "nieuw-01"})
    document["editions"][0]["status"] = "archived"
    preview = preview_import(library, "x.json", json.dumps(document).encode())
    (item,) = preview.editions
    assert [c.id for c in item.added] == ["nieuw-01"]
    changed = {card.id: [(c.path, c.new) for c in diff] for card, diff in item.changed}
    assert changed == {"horen-01": [("nl.question", "Anders?")], "horen-02": [("depth", 3)]}
    assert item.spec.status == "published", "an import from the editor keeps the status"
    assert item.changes == []
    assert deck_editions.history(library, "kletsborden", "horen-01")[0].actor == "cli"


def test_a_faulty_file_is_rejected_whole_with_every_reason(library: Database) -> None:
    bad = EXCEL_CSV.replace("zien;gewoon;1", "ruiken;gewoon;7", 1)
    bad = bad.replace("Wat zie je op de markt?", "", 1)
    preview = preview_import(library, "buurt.csv", bad.encode())
    found = {(f.card_id, f.path, f.code) for f in preview.faults}
    assert {("markt", "sense", "choice"), ("markt", "depth", "choice")} <= found
    assert not preview.editions
    with pytest.raises(EditorError):
        run_import(library, "anna", "buurt.csv", bad.encode())
    assert "buurt" not in {e.id for e in deck_editions.list_editions(library)}


def test_unusable_uploads_say_why(library: Database) -> None:
    assert (
        preview_import(library, "kaarten.xlsx", b"PK")
        .faults[0]
        .reason.startswith("unsupported file type")
    )
    latin1 = EXCEL_CSV.replace("Wat", "Wät").encode("cp1252", errors="replace")
    assert "not UTF-8" in preview_import(library, "buurt.csv", latin1).faults[0].reason


def test_an_empty_edition_cannot_be_csv(library: Database) -> None:
    deck_editions.create_edition(library, "anna", "leeg", {"nl": "Leeg"}, {})
    with pytest.raises(EditorError) as error:
        export_file(library, ["leeg"], "csv")
    assert error.value.faults[0].code == "csv_empty"
    _, _, content = export_file(library, ["leeg"], "json")
    assert json.loads(content)["editions"][0]["cards"] == []

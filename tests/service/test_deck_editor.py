"""The deck editor's use cases against a real database: the file rules applied to every edit,
publishing, reordering, and an audit entry written with every change (and restorable)."""

from __future__ import annotations

from typing import Any

import pytest

from kletsborden.card_library import import_files
from kletsborden.deck_editor import EditorError, NotFound, card_version
from kletsborden.deck_editor import cards as deck_cards
from kletsborden.deck_editor import editions as deck_editions
from kletsborden.editions.validate import check_card
from kletsborden.paths import default_card_files
from kletsborden.store import audit
from kletsborden.store.audit import AppendOnly
from kletsborden.store.database import Database
from kletsborden.store.editions import playable_cards
from kletsborden.store.models import AuditRow


def raw_card(question: str = "Wat zie je?", **changes: Any) -> dict[str, Any]:
    card = {"sense": "zien", "kind": "gewoon", "depth": 1, "active": True, "image": None}
    card["texts"] = {"nl": {"question": question, "follow_up": None, "image_alt": None}}
    return {**card, **changes}


@pytest.fixture
def edition(db: Database) -> str:
    deck_editions.create_edition(db, "anna", "", {"nl": "Proef"}, {})
    return "proef"


def codes(error: pytest.ExceptionInfo[EditorError]) -> set[tuple[str | None, str | None]]:
    return {(fault.path, fault.code) for fault in error.value.faults}


def test_check_card_names_the_field_and_a_code_for_each_fault() -> None:
    raw = raw_card("x" * 301, depth=7, image="/etc/passwd", id="ok-1")
    card, faults = check_card(raw)
    assert card is None
    found = {(f.path, f.code): f.params for f in faults}
    assert found[("nl.question", "too_long")] == {"length": 301, "limit": 300}
    assert ("depth", "choice") in found
    assert ("image", "image_path") in found
    assert ("nl.image_alt", "alt_missing") in found


def test_a_new_card_gets_an_id_and_is_audited(db: Database, edition: str) -> None:
    first = deck_cards.create_card(db, "anna", edition, raw_card())
    second = deck_cards.create_card(db, "anna", edition, raw_card("Nog een?"))
    assert (first.id, second.id) == ("zien-01", "zien-02")
    entries = deck_editions.history(db, edition, "zien-01")
    assert [(e.action, e.actor, e.before) for e in entries] == [("card_created", "anna", None)]
    assert entries[0].after["texts"]["nl"]["question"] == "Wat zie je?"


def test_a_faulty_card_writes_nothing_not_even_history(db: Database, edition: str) -> None:
    with pytest.raises(EditorError) as error:
        deck_cards.create_card(db, "anna", edition, raw_card("", sense="ruiken"))
    assert codes(error) == {("nl.question", "missing"), ("sense", "choice")}
    assert deck_editions.get_edition(db, edition).cards == ()
    assert [e.action for e in deck_editions.history(db, edition)] == ["edition_created"]


def test_card_ids_are_unique_in_an_edition(db: Database, edition: str) -> None:
    deck_cards.create_card(db, "anna", edition, raw_card(id="mijn-kaart"))
    with pytest.raises(EditorError) as error:
        deck_cards.create_card(db, "anna", edition, raw_card(id="mijn-kaart"))
    assert codes(error) == {("id", "taken")}


def test_an_edition_holds_at_most_the_card_limit(
    db: Database, edition: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deck_cards, "MAX_CARDS_PER_EDITION", 1)
    deck_cards.create_card(db, "anna", edition, raw_card())
    with pytest.raises(EditorError) as error:
        deck_cards.create_card(db, "anna", edition, raw_card())
    assert codes(error) == {(None, "too_many_cards")}


def test_edition_ids_are_made_from_names_and_never_taken_twice(db: Database) -> None:
    made = [
        deck_editions.create_edition(db, "anna", "", {"nl": "Één keer zien!"}, {}).id
        for _ in range(2)
    ]
    assert made == ["een-keer-zien", "een-keer-zien-2"]
    with pytest.raises(EditorError) as error:
        deck_editions.create_edition(db, "anna", "een-keer-zien", {"nl": "X"}, {})
    assert codes(error) == {("id", "taken")}
    with pytest.raises(EditorError) as error:
        deck_editions.create_edition(db, "anna", "", {"nl": ""}, {})
    assert codes(error) == {("name", "missing")}


def test_publishing_needs_a_card_in_play_and_only_published_cards_are_played(
    db: Database, edition: str
) -> None:
    with pytest.raises(EditorError) as error:
        deck_editions.change_status(db, "anna", edition, "publish")
    assert codes(error) == {("status", "nothing_to_publish")}
    card = deck_cards.create_card(db, "anna", edition, raw_card())
    deck_cards.set_card_active(db, "anna", edition, card.id, False)
    with pytest.raises(EditorError):
        deck_editions.change_status(db, "anna", edition, "publish")
    deck_cards.set_card_active(db, "anna", edition, card.id, True)
    with db.transaction() as session:
        assert playable_cards(session, [edition], "nl") == ()
    deck_editions.change_status(db, "anna", edition, "publish")
    with db.transaction() as session:
        (played,) = playable_cards(session, [edition], "nl")
    assert played.id == f"{edition}/zien-01"
    with pytest.raises(EditorError) as error:
        deck_editions.change_status(db, "anna", edition, "publish")
    assert codes(error) == {("status", "status_changed")}
    deck_editions.change_status(db, "anna", edition, "archive")
    with db.transaction() as session:
        assert playable_cards(session, [edition], "nl") == ()
    deck_editions.change_status(db, "anna", edition, "restore")
    assert deck_editions.get_edition(db, edition).status == "draft"
    actions = [e.action for e in deck_editions.history(db, edition) if e.card is None]
    assert actions[:4] == [
        "edition_restored",
        "edition_archived",
        "edition_published",
        "edition_created",
    ]


def test_a_copy_is_a_draft_with_the_same_cards(db: Database) -> None:
    import_files(db, default_card_files())
    source = deck_editions.get_edition(db, "kletsborden")
    copy = deck_editions.create_edition(
        db, "anna", "kletsborden-2", {"nl": "Nieuw"}, {}, copy_of="kletsborden"
    )
    assert copy.status == "draft" and copy.cards == source.cards
    (entry,) = deck_editions.history(db, "kletsborden-2")
    assert (entry.action, entry.after["copy_of"]) == ("edition_duplicated", "kletsborden")


def test_renaming_keeps_id_status_and_cards(db: Database, edition: str) -> None:
    deck_cards.create_card(db, "anna", edition, raw_card())
    renamed = deck_editions.update_edition(db, "bram", edition, {"nl": "Nieuw", "en": "New"}, {})
    assert (renamed.id, renamed.status, len(renamed.cards)) == (edition, "draft", 1)
    entry = deck_editions.history(db, edition)[0]
    assert (entry.action, entry.actor, entry.before["name"]) == (
        "edition_changed",
        "bram",
        {"nl": "Proef"},
    )


def test_moving_stays_within_a_sense(db: Database, edition: str) -> None:
    deck_cards.create_card(db, "anna", edition, raw_card("Zien 1"))
    deck_cards.create_card(db, "anna", edition, raw_card("Horen 1", sense="horen"))
    deck_cards.create_card(db, "anna", edition, raw_card("Zien 2"))
    assert deck_cards.move_card(db, "anna", edition, "zien-02", -1)
    order = [c.id for c in deck_editions.get_edition(db, edition).cards]
    assert order == ["zien-02", "horen-01", "zien-01"]
    assert not deck_cards.move_card(db, "anna", edition, "zien-02", -1)
    assert not deck_cards.move_card(db, "anna", edition, "horen-01", 1)
    moves = [e.action for e in deck_editions.history(db, edition) if "moved" in e.action]
    assert moves == ["card_moved_up"]


def test_no_change_no_history(db: Database, edition: str) -> None:
    card = deck_cards.create_card(db, "anna", edition, raw_card())
    deck_cards.update_card(db, "anna", edition, card.id, raw_card(), card_version(card))
    deck_cards.set_card_active(db, "anna", edition, card.id, True)
    assert len(deck_editions.history(db, edition, card.id)) == 1


def test_a_lost_update_is_refused(db: Database, edition: str) -> None:
    card = deck_cards.create_card(db, "anna", edition, raw_card())
    opened = card_version(card)
    deck_cards.update_card(db, "bram", edition, card.id, raw_card("Van Bram?"), opened)
    with pytest.raises(EditorError) as error:
        deck_cards.update_card(db, "anna", edition, card.id, raw_card("Van Anna?"), opened)
    assert codes(error) == {(None, "conflict")}
    assert error.value.current.texts["nl"].question == "Van Bram?"
    assert deck_cards.get_card(db, edition, card.id).texts["nl"].question == "Van Bram?"


def test_restoring_an_earlier_version(db: Database, edition: str) -> None:
    card = deck_cards.create_card(db, "anna", edition, raw_card("Eerste?"))
    deck_cards.update_card(db, "anna", edition, card.id, raw_card("Tweede?"), None)
    deck_cards.update_card(db, "bram", edition, card.id, raw_card("Derde?"), None)
    entries = deck_editions.history(db, edition, card.id)
    assert [e.action for e in entries] == ["card_changed", "card_changed", "card_created"]
    created = entries[-1]
    restored = deck_cards.restore_card(db, "cor", edition, card.id, created.id, "after")
    assert restored == card
    assert deck_cards.get_card(db, edition, card.id) == card
    latest = deck_editions.history(db, edition, card.id)[0]
    assert (latest.action, latest.actor) == ("card_restored", "cor")
    assert latest.before["texts"]["nl"]["question"] == "Derde?"
    with pytest.raises(NotFound):
        deck_cards.restore_card(db, "cor", edition, card.id, created.id, "before")
    other = deck_cards.create_card(db, "anna", edition, raw_card("Ander?"))
    with pytest.raises(NotFound):
        deck_cards.restore_card(db, "cor", edition, other.id, created.id, "after")


def test_a_version_that_breaks_todays_rules_is_not_restored(db: Database, edition: str) -> None:
    card = deck_cards.create_card(db, "anna", edition, raw_card())
    bad = {**raw_card("y" * 500), "id": card.id}
    with db.transaction() as session:
        audit.record(session, "oud", "card_changed", edition=edition, card=card.id, after=bad)
    entry = deck_editions.history(db, edition, card.id)[0]
    with pytest.raises(EditorError) as error:
        deck_cards.restore_card(db, "anna", edition, card.id, entry.id, "after")
    assert codes(error) == {("nl.question", "too_long")}


def test_the_audit_trail_is_append_only(db: Database, edition: str) -> None:
    with pytest.raises(AppendOnly), db.transaction() as session:
        row = session.query(AuditRow).first()
        row.actor = "iemand anders"
        session.flush()
    with pytest.raises(AppendOnly), db.transaction() as session:
        session.delete(session.query(AuditRow).first())
        session.flush()
    assert deck_editions.history(db, edition)[0].actor == "anna"


def test_command_line_imports_are_audited_as_cli(db: Database) -> None:
    import_files(db, default_card_files())
    entries = deck_editions.history(db, "kletsborden", "horen-01")
    assert [(e.action, e.actor) for e in entries] == [("card_imported", "cli")]


def test_a_copy_of_a_published_edition_replaces_it_when_published(db: Database) -> None:
    """'Kopie maken' is a new version, not a second edition with the same name."""
    service = deck_editions
    import_files(db, default_card_files())
    original = service.get_edition(db, "kletsborden")
    count = len(service.list_editions(db))
    copy = service.create_edition(
        db, "anna", "", dict(original.name), dict(original.description), copy_of="kletsborden"
    )
    assert copy.status == "draft" and copy.id != "kletsborden"
    assert service.replaced_by_publishing(db, copy.id) == "kletsborden"
    deck_cards.update_card(db, "anna", copy.id, "horen-01", raw_card("Een nieuwe vraag?"), None)
    old = deck_cards.get_card(db, "kletsborden", "horen-01")
    assert old.texts["nl"].question != "Een nieuwe vraag?"

    published = service.change_status(db, "anna", copy.id, "publish")
    assert published.id == "kletsborden" and published.status == "published"
    new = deck_cards.get_card(db, "kletsborden", "horen-01")
    assert new.texts["nl"].question == "Een nieuwe vraag?"
    assert len(service.list_editions(db)) == count, "the draft is gone; no second edition"
    actions = [entry.action for entry in service.history(db, "kletsborden")]
    assert actions[0] == "edition_replaced" and "card_imported" in actions
    draft = service.create_edition(db, "anna", "", {"nl": "Los"}, {})
    copy_of_draft = service.create_edition(db, "anna", "", {"nl": "Los"}, {}, copy_of=draft.id)
    assert service.replaced_by_publishing(db, copy_of_draft.id) is None, "a draft's copy is new"

"""Editions in the database: saved by id, never duplicated, loaded back exactly."""

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from kletsborden.editions.files import read_edition_file
from kletsborden.editions.model import CardSpec, CardText, EditionSpec
from kletsborden.paths import default_card_files
from kletsborden.store.database import Database
from kletsborden.store.editions import load_editions, playable_cards, save_editions
from kletsborden.store.models import CardRow, CardTextRow


def card(card_id: str, sense: str = "horen", depth: int = 1, **texts: str) -> CardSpec:
    texts = texts or {"nl": f"Vraag {card_id}?", "en": f"Question {card_id}?"}
    return CardSpec(
        id=card_id,
        sense=sense,
        kind="gewoon",
        depth=depth,
        texts={lang: CardText(question=q) for lang, q in texts.items()},
    )


def edition(*cards: CardSpec, slug: str = "proef", status: str = "published") -> EditionSpec:
    return EditionSpec(id=slug, name={"nl": "Proef", "en": "Trial"}, status=status, cards=cards)


@pytest.fixture
def defaults() -> list[EditionSpec]:
    return [e for path in default_card_files() for e in read_edition_file(path)]


def test_default_editions_round_trip(db: Database, defaults: list[EditionSpec]) -> None:
    with db.transaction() as session:
        report = save_editions(session, defaults)
    assert len(report.added) == sum(len(e.cards) for e in defaults)
    with db.transaction() as session:
        assert load_editions(session) == sorted(defaults, key=lambda e: e.id)


def test_saving_again_changes_nothing(db: Database, defaults: list[EditionSpec]) -> None:
    with db.transaction() as session:
        save_editions(session, defaults)
    with db.transaction() as session:
        report = save_editions(session, load_editions(session))
    assert not report.changes_anything
    assert len(report.unchanged) == sum(len(e.cards) for e in defaults)


def test_update_by_id_never_duplicates(db: Database) -> None:
    with db.transaction() as session:
        save_editions(session, [edition(card("a"), card("b"))])
    changed = card("b", nl="Nieuwe vraag?")
    with db.transaction() as session:
        report = save_editions(session, [edition(card("a"), changed, card("c"))])
    assert report.added == ["proef/c"]
    assert report.changed == ["proef/b"]
    assert report.unchanged == ["proef/a"]
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(CardRow)) == 3
        (loaded,) = load_editions(session)
    assert loaded.cards[1] == changed
    assert set(loaded.cards[1].texts) == {"nl"}, "a language dropped from the file is dropped"
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(CardTextRow)) == 5


def test_cards_left_out_of_a_file_are_kept_after_the_others(db: Database) -> None:
    with db.transaction() as session:
        save_editions(session, [edition(card("a"), card("b"), card("c"))])
    with db.transaction() as session:
        save_editions(session, [edition(card("c"), card("a"))])
        (loaded,) = load_editions(session)
    assert [c.id for c in loaded.cards] == ["c", "a", "b"]


def test_reordering_is_a_change(db: Database) -> None:
    with db.transaction() as session:
        save_editions(session, [edition(card("a"), card("b"))])
    with db.transaction() as session:
        report = save_editions(session, [edition(card("b"), card("a"))])
    assert report.editions_changed == ["proef"]


def test_playable_cards_are_published_active_and_in_the_language(db: Database) -> None:
    inactive = replace(card("c"), active=False)
    english_only = card("d", en="Only English?")
    with db.transaction() as session:
        save_editions(
            session,
            [
                edition(card("a", sense="zien", depth=2), card("b"), inactive, english_only),
                edition(card("x"), slug="klad", status="draft"),
            ],
        )
    with db.transaction() as session:
        dutch = playable_cards(session, ["proef", "klad"], "nl")
        english = playable_cards(session, ["proef"], "en")
    assert [c.id for c in dutch] == ["proef/a", "proef/b"]
    assert dutch[0].sense == "zien" and dutch[0].depth == 2
    assert dutch[0].texts["nl"].question == "Vraag a?"
    assert [c.id for c in english] == ["proef/a", "proef/b", "proef/d"]
    # A card carries every language it has, so each person reads it in their own.
    assert sorted(english[0].texts) == sorted(card("a").texts)
    assert english[2].texts.keys() == {"en"}


def test_a_failed_transaction_writes_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction() as session:
        save_editions(session, [edition(card("a"))])
        raise RuntimeError("boom")
    with db.transaction() as session:
        assert load_editions(session) == []

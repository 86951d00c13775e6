"""Language belongs to the person: each seat reads the card in its own language.

The edition "talen" has every card in Dutch and English (reviewed), Arabic and Ukrainian
(drafts), and nothing in Turkish, so a Turkish reader gets the room's language.
"""

import json

import pytest

from kletsborden.app import database
from kletsborden.card_library import import_editions
from kletsborden.editions.model import CardSpec, CardText, EditionSpec

from .harness import Server, Table

SENSES = ("horen", "zien", "voelen")


def _card(sense: str) -> CardSpec:
    return CardSpec(
        id=f"{sense}-1",
        sense=sense,
        kind="gewoon",
        depth=1,
        texts={
            "nl": CardText(f"Vraag over {sense}?", "En verder?"),
            "en": CardText(f"Question about {sense}?"),
            "ar": CardText(f"سؤال عن {sense}؟", status="draft"),
            "uk": CardText(f"Питання про {sense}?", status="draft"),
        },
    )


@pytest.fixture
def table(server: Server) -> Table:
    edition = EditionSpec("talen", {"nl": "Talen"}, cards=tuple(_card(s) for s in SENSES))
    import_editions(database(server.app), [edition])
    return server.create_room(settings={"editions": ["talen"]})


def _drawn(table: Table) -> dict:
    table.start()
    return table.change(table.host, "draw_card", {"sense": "horen"})[1]["card"]


def test_the_card_comes_in_the_languages_at_the_table_and_no_others(table: Table) -> None:
    amira = table.join("Amira", language="ar")
    table.join("Oksana", language="uk")
    table.join("Emre", language="tr")
    assert [s["language"] for s in table.snapshot()["seats"]] == ["nl", "ar", "uk", "tr"]
    card = _drawn(table)
    assert card["language"] == "nl", "the room's language: every client's fallback"
    # No English (nobody reads it), no Turkish (the card has none: Emre reads the room's).
    assert list(card["texts"]) == ["nl", "ar", "uk"]
    assert card["texts"]["nl"] == {
        "question": "Vraag over horen?",
        "follow_up": "En verder?",
        "image_alt": None,
        "status": "reviewed",
        "name": "Nederlands",
        "dir": "ltr",
    }
    assert card["texts"]["ar"] == {
        "question": "سؤال عن horen؟",
        "follow_up": None,
        "image_alt": None,
        "status": "draft",
        "name": "العربية",
        "dir": "rtl",
    }
    assert card["texts"]["uk"]["name"] == "Українська"
    # Everyone gets the same snapshot (the harness checked it): one encode per change.
    assert table.seat(amira)["language"] == "ar"


def test_changing_language_while_seated_is_a_room_change(table: Table) -> None:
    emre = table.join("Emre", language="tr")
    _drawn(table)
    ack, snapshot = table.change(emre, "set_language", {"language": "en"})
    assert ack["language"] == "en"
    assert snapshot["changes"] == [
        {"type": "language_changed", "seat_id": emre.seat_id, "language": "en"}
    ]
    assert list(snapshot["card"]["texts"]) == ["nl", "en"]
    # The same language again changes nothing.
    table.unchanged(emre, "set_language", {"language": "en"})


def test_coming_back_with_another_page_language_changes_the_seat(table: Table) -> None:
    oksana = table.join("Oksana", language="nl")
    oksana.disconnect()
    table.drain()
    member = table.server.connect()
    ack = member.ask("join", {"code": table.code, "token": oksana.token, "language": "uk"})
    assert ack["ok"] is True
    seat = next(s for s in ack["snapshot"]["seats"] if s["id"] == oksana.seat_id)
    assert seat["language"] == "uk" and seat["connected"] is True
    changes = ack["snapshot"]["changes"]
    assert {"type": "language_changed", "seat_id": oksana.seat_id, "language": "uk"} in changes


def test_a_host_may_keep_draft_translations_out_of_the_room(table: Table) -> None:
    table.join("Amira", language="ar")
    assert "ar" in _drawn(table)["texts"]
    _, snapshot = table.change(
        table.host, "change_settings", {"settings": {"draft_languages": False}}
    )
    assert snapshot["settings"]["draft_languages"] is False
    assert list(snapshot["card"]["texts"]) == ["nl"], "Amira now reads the room's language"


def test_the_projector_may_show_a_second_language(table: Table) -> None:
    _drawn(table)
    _, snapshot = table.change(
        table.host, "change_settings", {"settings": {"second_language": "en"}}
    )
    assert snapshot["settings"]["second_language"] == "en"
    assert list(snapshot["card"]["texts"]) == ["nl", "en"]
    table.error(
        table.host, "change_settings", {"settings": {"second_language": "xx"}}, "invalid_payload"
    )


def test_a_table_of_six_in_three_languages_costs_a_few_hundred_bytes_more(table: Table) -> None:
    """The figure in docs/protocol.md: the card on the table in three languages instead of one."""
    for name, language in (("A", "nl"), ("B", "ar"), ("C", "ar"), ("D", "uk"), ("E", "uk")):
        table.join(name, language=language)
    snapshot = table.start()
    snapshot = table.change(table.host, "draw_card", {"sense": "horen"})[1]
    size = len(json.dumps(snapshot, ensure_ascii=False).encode())
    one_language = {**snapshot["card"], "texts": {"nl": snapshot["card"]["texts"]["nl"]}}
    before = len(json.dumps({**snapshot, "card": one_language}, ensure_ascii=False).encode())
    assert list(snapshot["card"]["texts"]) == ["nl", "ar", "uk"]
    assert 0 < size - before < 400

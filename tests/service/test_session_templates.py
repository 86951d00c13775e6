"""Session templates against a real database: saving, changing and deleting one's own, never
anyone else's; the limits; the shipped ones; and a facilitator's past sessions."""

from __future__ import annotations

import pytest
from support.clock import FakeClock

from kletsborden import session_templates as templates
from kletsborden.card_library import import_files
from kletsborden.config import FIGURES_EVERY_SECONDS, MAX_TEMPLATE_NAME_LENGTH
from kletsborden.deck_editor import EditorError, NotFound
from kletsborden.engine import Answering, GameError, Settings, validate_settings
from kletsborden.engine import actions as a
from kletsborden.engine.state import PlayMode
from kletsborden.paths import default_card_files
from kletsborden.rooms import RoomService, SessionInfo
from kletsborden.store.admins import create_admin
from kletsborden.store.database import Database
from kletsborden.store.models import EditionRow

GOOD = Settings(
    senses=("horen", "zien"),
    max_depth=2,
    answering=Answering.CHOSEN,
    typed_answers=True,
    planned_minutes=40,
    turn_timer_seconds=120,
    excluded_cards=("kletsborden/horen-01", "kletsborden/zien-02"),
    play_mode=PlayMode.MIXED,
)


@pytest.fixture
def accounts(db: Database) -> tuple[int, int]:
    """Two facilitators with the default cards: (fenna, gijs)."""
    import_files(db, default_card_files())
    with db.transaction() as session:
        fenna = create_admin(session, "fenna", "lang-genoeg-1", "facilitator").id
        gijs = create_admin(session, "gijs", "lang-genoeg-2", "facilitator").id
    return fenna, gijs


def faults_of(error: EditorError) -> dict[str | None, str]:
    return {f.path: f.code for f in error.faults}


def test_a_template_is_saved_changed_and_deleted(db: Database, accounts) -> None:
    fenna, _ = accounts
    made = templates.create(db, fenna, "  Buurthuis\tDe Linde ", GOOD)
    assert made.name == "Buurthuis De Linde" and not made.shipped
    assert made.settings == GOOD, "every template field is kept"
    assert templates.get_own(db, fenna, int(made.key)) == made
    assert templates.find(db, fenna, made.key, "nl") == made

    changed = templates.update(db, fenna, int(made.key), "De Linde", Settings(max_depth=1))
    assert changed.name == "De Linde" and changed.settings == Settings(max_depth=1)
    assert templates.list_own(db, fenna) == [changed]

    assert templates.delete(db, fenna, int(made.key)) == "De Linde"
    assert templates.list_own(db, fenna) == []
    with pytest.raises(NotFound):
        templates.get_own(db, fenna, int(made.key))


def test_the_language_and_player_limit_are_not_part_of_a_template(db: Database, accounts) -> None:
    fenna, _ = accounts
    made = templates.create(db, fenna, "Engels", Settings(language="en", max_players=5))
    assert made.settings.language == "nl" and made.settings.max_players is None


def test_nobody_sees_or_changes_another_accounts_template(db: Database, accounts) -> None:
    fenna, gijs = accounts
    mine = templates.create(db, fenna, "Van Fenna", GOOD)
    template_id = int(mine.key)
    assert templates.list_own(db, gijs) == []
    assert templates.find(db, gijs, mine.key, "nl") is None
    with pytest.raises(NotFound):
        templates.get_own(db, gijs, template_id)
    with pytest.raises(NotFound):
        templates.update(db, gijs, template_id, "Van Gijs", Settings())
    with pytest.raises(NotFound):
        templates.delete(db, gijs, template_id)
    with pytest.raises(GameError) as caught:
        templates.session_template_name(db, gijs, mine.key)
    assert caught.value.code == "invalid_settings"
    assert templates.get_own(db, fenna, template_id) == mine, "left as it was"
    # The same name is fine for someone else.
    assert templates.create(db, gijs, "Van Fenna", GOOD).name == "Van Fenna"


@pytest.mark.parametrize(
    ("name", "settings", "path", "code"),
    [
        ("", Settings(), "name", "missing"),
        (" \t ", Settings(), "name", "missing"),
        ("x" * (MAX_TEMPLATE_NAME_LENGTH + 1), Settings(), "name", "too_long"),
        ("Goed", Settings(max_depth=7), "max_depth", "template_setting"),
        ("Goed", Settings(senses=()), "senses", "no_senses"),
        ("Goed", Settings(senses=("proeven",)), "senses", "template_setting"),
        ("Goed", Settings(planned_minutes=0), "planned_minutes", "out_of_range"),
        ("Goed", Settings(turn_timer_seconds=3), "turn_timer_seconds", "template_setting"),
        ("Goed", Settings(answering="iedereen"), "answering", "template_setting"),  # type: ignore[arg-type]
        ("Goed", Settings(editions=("bestaat-niet",)), "editions", "choice"),
        ("Goed", Settings(excluded_cards=("a/b", "a/b")), "excluded_cards", "template_setting"),
    ],
)
def test_bad_templates_are_refused_at_their_field(
    db: Database, accounts, name: str, settings: Settings, path: str, code: str
) -> None:
    fenna, _ = accounts
    with pytest.raises(EditorError) as caught:
        templates.create(db, fenna, name, settings)
    assert faults_of(caught.value)[path] == code
    assert templates.list_own(db, fenna) == []


def test_a_draft_edition_cannot_be_in_a_template(db: Database, accounts) -> None:
    fenna, _ = accounts
    with db.transaction() as session:
        session.add(EditionRow(slug="concept", status="draft", name={"nl": "Concept"}))
    with pytest.raises(EditorError) as caught:
        templates.create(db, fenna, "Concept", Settings(editions=("concept",)))
    assert faults_of(caught.value) == {"editions": "choice"}


def test_names_are_unique_per_account_whatever_the_case(db: Database, accounts) -> None:
    fenna, _ = accounts
    first = templates.create(db, fenna, "Dinsdag", GOOD)
    with pytest.raises(EditorError) as caught:
        templates.create(db, fenna, "DINSDAG", GOOD)
    assert faults_of(caught.value) == {"name": "template_name_taken"}
    other = templates.create(db, fenna, "Woensdag", GOOD)
    with pytest.raises(EditorError):
        templates.update(db, fenna, int(other.key), "dinsdag", GOOD)
    # Saving a template under its own name is fine.
    assert templates.update(db, fenna, int(first.key), "Dinsdag", Settings()).name == "Dinsdag"


def test_an_account_has_a_limited_number_of_templates(
    db: Database, accounts, monkeypatch: pytest.MonkeyPatch
) -> None:
    fenna, gijs = accounts
    monkeypatch.setattr(templates, "MAX_TEMPLATES_PER_ACCOUNT", 2)
    templates.create(db, fenna, "Een", GOOD)
    second = templates.create(db, fenna, "Twee", GOOD)
    with pytest.raises(EditorError) as caught:
        templates.create(db, fenna, "Drie", GOOD)
    assert faults_of(caught.value) == {None: "too_many_templates"}
    assert caught.value.faults[0].params == {"limit": 2}
    assert templates.update(db, fenna, int(second.key), "Twee bis", GOOD).name == "Twee bis"
    assert templates.create(db, gijs, "Een", GOOD), "the limit is per account"


def test_too_many_cards_left_out_is_refused(
    db: Database, accounts, monkeypatch: pytest.MonkeyPatch
) -> None:
    fenna, _ = accounts
    monkeypatch.setattr(templates, "MAX_EXCLUDED_CARDS", 2)
    many = Settings(excluded_cards=("k/a", "k/b", "k/c"))
    with pytest.raises(EditorError) as caught:
        templates.create(db, fenna, "Veel weg", many)
    assert faults_of(caught.value) == {"excluded_cards": "too_many_excluded"}


def test_shipped_templates_are_valid_translated_and_not_editable(db: Database, accounts) -> None:
    fenna, _ = accounts
    dutch = templates.shipped_templates("nl")
    english = templates.shipped_templates("en")
    assert [t.name for t in dutch][:2] == ["Kennismaking, 30 min", "Verdieping, 60 min"]
    assert [t.name for t in english][:2] == ["Getting acquainted, 30 min", "Going deeper, 60 min"]
    for template in dutch:
        validate_settings(template.settings)
        assert template.shipped and not template.key.isdigit()
    first = dutch[0].settings
    assert (first.max_depth, first.answering, first.planned_minutes) == (1, "everyone", 30)
    assert templates.find(db, fenna, "kennismaking", "en") == english[0]
    # Their keys are no ids: nothing of theirs can be found, changed or deleted as one's own.
    assert templates.list_own(db, fenna) == []
    assert templates.session_template_name(db, fenna, "verdieping") == "Verdieping, 60 min"


def test_the_card_choices_cover_every_language(db: Database, accounts) -> None:
    choices = templates.card_choices(db, ["kletsborden"])
    assert choices and all(c.id.startswith("kletsborden/") for c in choices)
    assert {"nl", "en"} <= set(choices[0].texts)
    order = [(("horen", "zien", "voelen").index(c.sense), c.depth) for c in choices]
    assert order == sorted(order)
    assert templates.card_choices(db, ["bestaat-niet"]) == []


def test_past_sessions_are_an_accounts_own_with_their_figures(db: Database, accounts) -> None:
    fenna, gijs = accounts
    clock = FakeClock(1_000_000.0)
    rooms = RoomService(db, secret="test", grace=60.0, clock=clock)
    info = SessionInfo(facilitator_id=fenna, label="Noord", template="Kennismaking, 30 min")
    host = rooms.create("Fien", Settings(), info=info)
    code = host.update.code
    rooms.join(code, "Bram")
    rooms.start(code, host.seat_id)
    clock.advance(FIGURES_EVERY_SECONDS)  # a game in play writes its figures that often
    rooms.act(code, lambda _s, at: a.DrawCard(by=host.seat_id, at=at))
    rooms.create("Gijs", Settings(), info=SessionInfo(facilitator_id=gijs))
    rooms.create("Iemand", Settings())

    (past,) = templates.past_sessions(db, fenna)
    assert (past.label, past.template, past.players, past.cards_drawn) == (
        "Noord",
        "Kennismaking, 30 min",
        2,
        1,
    )
    assert not past.ended
    (other,) = templates.past_sessions(db, gijs)
    assert (other.label, other.players, other.cards_drawn) == (None, 0, 0)

"""Adding up sessions from known figures, the small-group rule, filters and the store's query."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from kletsborden.config import MIN_REFLECTION_RESPONDENTS, REFLECTION_SETTLE_MINUTES
from kletsborden.engine import encode
from kletsborden.engine.state import ReflectionCount
from kletsborden.engine.summary import CardCount, SessionFigures
from kletsborden.reports.figures import add_up, overview, reflection, session_report
from kletsborden.reports.filters import Filters, read_filters
from kletsborden.store.admins import create_admin
from kletsborden.store.database import Database
from kletsborden.store.models import SessionRow
from kletsborden.store.reports import SessionRecord

START = datetime(2026, 11, 2, 9, 0)  # UTC
LATER = START + timedelta(days=1)  # every session that ended by START has settled


def figures(respondents: int = 0, *reflected: tuple[str, str, int], **counts) -> SessionFigures:
    values = dict(
        started_at=1_000.0,
        ended_at=1_000.0 + 30 * 60,
        ended=True,
        players=4,
        deviceless=1,
        cards=(CardCount("horen", 1, 2), CardCount("zien", 2, 1)),
        answered=2,
        passed=1,
        skipped=0,
        set_aside=0,
        topic_signals=1,
        respondents=respondents,
        reflection=tuple(ReflectionCount(*r) for r in reflected),
    )
    return SessionFigures(**{**values, **counts})


def record(found: SessionFigures, **fields) -> SessionRecord:
    values = dict(
        id=1,
        facilitator_id=None,
        facilitator=None,
        label=None,
        template=None,
        language="nl",
        planned_minutes=30,
        started_at=START,
        ended_at=START,
        purged=False,
        figures=found,
    )
    return SessionRecord(**{**values, **fields})


def answers(shown, question: str = "felt_heard") -> dict[str, int]:
    return dict(dict(shown.answers)[question])


@pytest.mark.parametrize("respondents", range(MIN_REFLECTION_RESPONDENTS))
def test_fewer_than_three_respondents_are_never_shown(respondents: int) -> None:
    found = figures(respondents, ("felt_heard", "agree", respondents))
    shown = reflection([record(found)], LATER)
    assert MIN_REFLECTION_RESPONDENTS == 3
    assert not shown.shown and shown.answers is None
    assert (shown.respondents, shown.withheld, shown.pending) == (0, respondents, 0)


def test_three_respondents_are_shown_for_every_question_and_answer_in_order() -> None:
    found = figures(3, ("meet_again", "agree", 3), ("felt_heard", "neutral", 2))
    shown = reflection([record(found)], LATER)
    assert shown.respondents == 3
    assert shown.answers == (
        ("felt_heard", (("agree", 0), ("neutral", 2), ("disagree", 0))),
        ("learned_something", (("agree", 0), ("neutral", 0), ("disagree", 0))),
        ("meet_again", (("agree", 3), ("neutral", 0), ("disagree", 0))),
    )


def test_a_total_never_holds_the_answers_of_a_session_too_small_to_show() -> None:
    """Else the total minus the shown session would be the hidden person's answer."""
    three = record(figures(3, ("felt_heard", "agree", 2), ("felt_heard", "neutral", 1)))
    lone = record(figures(1, ("felt_heard", "disagree", 1)), id=2)
    group = add_up([three, lone], LATER).reflection
    assert group.answers == add_up([three], LATER).reflection.answers
    assert answers(group) == {"agree": 2, "neutral": 1, "disagree": 0}
    assert (group.respondents, group.withheld, group.pending) == (3, 1, 0)


def test_sessions_too_small_alone_stay_hidden_together() -> None:
    one = record(figures(2, ("felt_heard", "agree", 2)))
    other = record(figures(1, ("felt_heard", "disagree", 1)), id=2)
    together = add_up([one, other], LATER).reflection
    assert not together.shown
    assert (together.respondents, together.withheld) == (0, 3)


def test_a_reflection_counts_only_once_it_has_settled() -> None:
    """Else reloading the report after each answer would tell what that person answered."""
    found = figures(3, ("felt_heard", "agree", 3))
    settle = timedelta(minutes=REFLECTION_SETTLE_MINUTES)
    assert REFLECTION_SETTLE_MINUTES == 60
    just_ended = record(found, ended_at=LATER - settle + timedelta(seconds=1))
    settled = record(found, id=2, ended_at=LATER - settle)
    running = record(found, id=3, ended_at=None)
    purged = record(found, id=4, ended_at=None, purged=True)
    for waiting in (just_ended, running):
        shown = reflection([waiting], LATER)
        assert (shown.answers, shown.respondents, shown.withheld, shown.pending) == (None, 0, 0, 1)
    for ready in (settled, purged):
        assert answers(reflection([ready], LATER)) == {"agree": 3, "neutral": 0, "disagree": 0}
    group = add_up([just_ended, settled, running, purged], LATER).reflection
    assert (group.respondents, group.withheld, group.pending) == (6, 0, 2)
    assert answers(group)["agree"] == 6


def test_totals_add_up_every_count() -> None:
    one = record(figures(), planned_minutes=45)
    other = record(
        figures(
            ended_at=None,
            ended=False,
            players=3,
            deviceless=0,
            cards=(CardCount("horen", 3, 4), CardCount("voelen", 1, 1), CardCount("zien", 0, 1)),
            answered=5,
            skipped=2,
            set_aside=1,
            topic_signals=0,
        ),
        planned_minutes=None,
    )
    totals = add_up([one, other], LATER)
    # Planned time over the same (ended) sessions as the time played.
    assert (totals.sessions, totals.minutes, totals.planned_minutes) == (2, 30, 45)
    both_planned = add_up([one, record(other.figures, planned_minutes=20)], LATER)
    assert (both_planned.minutes, both_planned.planned_minutes) == (30, 45)
    assert (totals.players, totals.deviceless) == (7, 1)
    assert [(s.sense, s.by_depth, s.total) for s in totals.cards] == [
        ("horen", (2, 0, 4), 6),
        ("zien", (0, 1, 0), 2),  # a card of unknown depth counts in the total
        ("voelen", (1, 0, 0), 1),
    ]
    assert totals.cards_drawn == 9
    assert totals.outcomes == (("answered", 7), ("passed", 2), ("skipped", 2), ("set_aside", 1))
    assert totals.topic_signals == 1
    assert add_up([], LATER).cards_drawn == 0 and not add_up([], LATER).reflection.shown


def test_filters_are_read_and_bad_ones_say_why() -> None:
    found, faults = read_filters({"label": "  Noord ", "from": "2026-11-01", "to": "2026-11-30"})
    assert faults == {}
    assert found == Filters("Noord", date(2026, 11, 1), date(2026, 11, 30))
    assert found.query() == {"label": "Noord", "from": "2026-11-01", "to": "2026-11-30"}
    # Days in Amsterdam, both ends included: 1 November starts at 23:00 UTC the day before.
    assert found.bounds() == (datetime(2026, 10, 31, 23, 0), datetime(2026, 11, 30, 23, 0))
    assert read_filters({"from": "gisteren", "to": "2026-13-01"})[1] == {
        "from": "bad_date",
        "to": "bad_date",
    }
    assert read_filters({"from": "2026-11-02", "to": "2026-11-01"})[1] == {"to": "end_before_start"}
    assert read_filters({"label": "x" * 81}) == (Filters(), {"label": "label_too_long"})
    assert read_filters({"label": "", "from": ""}) == (Filters(), {})


@pytest.mark.parametrize(
    "args",
    [{"to": "9999-12-31"}, {"from": "0001-01-01"}, {"from": "1999-12-31"}, {"to": "2101-01-01"}],
)
def test_days_outside_the_years_of_reports_are_bad_dates(args: dict[str, str]) -> None:
    (name,) = args
    assert read_filters(args) == (Filters(), {name: "bad_date"})


def test_the_first_and_last_years_are_days() -> None:
    found, faults = read_filters({"from": "2000-01-01", "to": "2100-12-31"})
    assert faults == {} and found.bounds()[1] == datetime(2100, 12, 31, 23, 0)


def _store(db: Database, found: SessionFigures | None, **fields) -> int:
    with db.transaction() as session:
        row = SessionRow(figures=encode(found) if found else None, **fields)
        session.add(row)
        session.flush()
        return row.id


def test_the_store_reads_played_sessions_for_whoever_may_see_them(db: Database) -> None:
    with db.transaction() as session:
        fenna = create_admin(session, "fenna", "lang-genoeg-1", "facilitator").id
        gijs = create_admin(session, "gijs", "lang-genoeg-1", "facilitator").id
    noord = _store(
        db,
        figures(2, ("felt_heard", "agree", 2)),
        facilitator_id=fenna,
        label="Noord",
        started_at=START,
    )
    zuid = _store(
        db,
        figures(1, ("felt_heard", "agree", 1)),
        facilitator_id=fenna,
        label="Zuid",
        started_at=datetime(2026, 11, 20, 9, 0),
    )
    theirs = _store(db, figures(), facilitator_id=gijs, label="Noord", started_at=START)
    _store(db, None, facilitator_id=fenna, label="Lobby")  # never started: nothing to report
    loose = _store(db, figures(), started_at=datetime(2026, 10, 1, 9, 0))

    mine = overview(db, Filters(), facilitator_id=fenna)
    assert [(g.facilitator, g.label) for g in mine.groups] == [
        ("fenna", "Noord"),
        ("fenna", "Zuid"),
    ]
    assert mine.labels == ("Noord", "Zuid")
    assert mine.totals.sessions == 2 and mine.totals.reflection.withheld == 3
    assert not mine.totals.reflection.shown, "2 + 1 respondents, each session too small"
    assert not any(g.totals.reflection.shown for g in mine.groups)

    everyone = overview(db, Filters(), facilitator_id=None)
    assert [(g.facilitator, g.label) for g in everyone.groups] == [
        ("fenna", "Noord"),
        ("fenna", "Zuid"),
        ("gijs", "Noord"),
        (None, None),
    ]
    assert everyone.labels == ("Noord", "Zuid")
    november = Filters(start=date(2026, 11, 1), end=date(2026, 11, 19))
    assert [
        s.id for g in overview(db, november, facilitator_id=None).groups for s in g.sessions
    ] == [
        noord,
        theirs,
    ]
    noord_only = overview(db, Filters(label="Noord"), facilitator_id=None)
    assert [g.facilitator for g in noord_only.groups] == ["fenna", "gijs"]

    report = session_report(db, noord, facilitator_id=fenna)
    assert report is not None and report.label == "Noord"
    assert report.started_at == datetime(2026, 11, 2, 10, 0), "shown in Amsterdam time"
    assert session_report(db, theirs, facilitator_id=fenna) is None
    assert session_report(db, theirs, facilitator_id=None) is not None
    assert session_report(db, loose, facilitator_id=None).facilitator is None
    assert session_report(db, zuid + 1000, facilitator_id=None) is None

"""The gate in front of a pool hands a returned connection to the longest waiting greenlet."""

from __future__ import annotations

import gevent
import pytest
from gevent.event import Event

from kletsborden.store.gate import FairGate


def _holder(gate: FairGate, name: str, entered: list[str], leave: Event) -> gevent.Greenlet:
    def hold() -> None:
        with gate:
            entered.append(name)
            leave.wait()

    return gevent.spawn(hold)


def test_a_returned_permit_goes_to_the_longest_waiting_not_to_a_newcomer() -> None:
    gate, entered = FairGate(2), []
    leaves = {name: Event() for name in "abcdef"}
    first = [_holder(gate, name, entered, leaves[name]) for name in "abcde"]
    gevent.sleep(0)
    assert entered == ["a", "b"] and gate.waiting == 3
    leaves["a"].set()
    newcomer = _holder(gate, "f", entered, leaves["f"])  # arrives as "a" leaves
    gevent.sleep(0.01)
    assert entered == ["a", "b", "c"] and gate.waiting == 3  # "f" queued behind "d" and "e"
    for name in "bcdef":
        leaves[name].set()
    gevent.joinall([*first, newcomer], raise_error=True)
    assert entered == list("abcdef") and gate.waiting == 0


class _KilledAsItsTurnCame(Event):
    def wait(self, timeout: float | None = None) -> bool:
        super().wait(timeout)
        raise gevent.GreenletExit()


@pytest.mark.parametrize("handed_the_permit", [False, True])
def test_a_waiter_killed_loses_no_permit(handed_the_permit: bool, monkeypatch) -> None:
    gate, entered = FairGate(1), []
    leave = Event()
    holder = _holder(gate, "a", entered, leave)
    gevent.sleep(0)
    if handed_the_permit:
        monkeypatch.setattr("kletsborden.store.gate.Event", _KilledAsItsTurnCame)
    victim = _holder(gate, "b", entered, Event())
    gevent.sleep(0)
    assert gate.waiting == 1
    if handed_the_permit:
        leave.set()  # "a" hands the permit to "b", which dies as it wakes
        victim.join()
    else:
        victim.kill()
    assert gate.waiting == 0 and entered == ["a"] and victim.dead
    leave.set()
    holder.join()
    # the one permit is free again: a newcomer gets in at once, and a second one waits
    with gate:
        late = _holder(gate, "c", entered, Event())
        gevent.sleep(0)
        assert gate.waiting == 1
    late.kill()

"""Counts on the staff pages read right: "1 kaart", "2 kaarten", never "1 kaarten"."""

from __future__ import annotations

import re

import pytest

from kletsborden.i18n import keys, lookup, translate

# Messages whose count stands apart from any noun ("Sessies: 3", "(3)").
COUNT_NEUTRAL = {
    "admin.home.show_archived",
    "admin.reports.session_count",
    "admin.facilitate.excluded",
}
# Placeholders that are limits (never 1 where the noun is plural) or not counts at all.
NOT_COUNTS = {"limit", "max", "min", "length", "shown", "minutes"}
PLURAL_NOUN = re.compile(r"\{([a-z_]+)\} (kaarten|minuten|sessies|mensen|problemen|spelers)\b")


@pytest.mark.parametrize(
    ("key", "one", "two"),
    [
        ("admin.reports.minutes", "1 minuut", "2 minuten"),
        ("admin.home.card_count", "1 kaart, 1 in het spel", "2 kaarten, 1 in het spel"),
        ("admin.import.rejected", "(1 probleem)", "(2 problemen)"),
        ("admin.reports.respondents_count", "1 persoon vulde", "2 mensen vulden"),
        ("admin.filter.count", "1 van de 1 kaart.", "1 van de 2 kaarten."),
    ],
)
def test_one_and_more_read_right(key: str, one: str, two: str) -> None:
    assert one in translate(key, "nl", count=1, active=1, shown=1)
    assert two in translate(key, "nl", count=2, active=1, shown=1)


def test_every_staff_count_goes_through_a_plural_message() -> None:
    for key in keys():
        if not key.startswith("admin."):
            continue
        dutch, _ = lookup(key, "nl")
        many = dutch if isinstance(dutch, str) else dutch[-1]
        if "{count}" in many and key not in COUNT_NEUTRAL:
            assert isinstance(dutch, tuple), f"{key} counts without plural forms"
            english, _ = lookup(key, "en")
            assert isinstance(english, tuple), f"{key} counts without plural forms in English"
        for placeholder, _noun in PLURAL_NOUN.findall(many):
            assert placeholder in NOT_COUNTS | {"count"}, f"{key}: {{{placeholder}}} is a count"

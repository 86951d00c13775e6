"""What a report is about: a label and a date range, read from the query string.

Dates are the days people here live in (DISPLAY_TIMEZONE), both ends included; they become UTC
bounds for the store. Bad input gives a fault per field and no filter, never an exception.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..config import DISPLAY_TIMEZONE
from ..config import MAX_SESSION_LABEL_LENGTH as MAX_LABEL_LENGTH

YEARS = range(2000, 2101)  # the years a report can be about


@dataclass(frozen=True)
class Filters:
    label: str | None = None
    start: date | None = None
    end: date | None = None

    def bounds(self) -> tuple[datetime | None, datetime | None]:
        """(since, before) as naive UTC: from the start of ``start`` to the end of ``end``."""
        since = _utc(self.start) if self.start else None
        before = _utc(self.end + timedelta(days=1)) if self.end else None
        return since, before

    def query(self) -> dict[str, str]:
        """The query string that gives these filters again (for links such as the CSV)."""
        values = {"label": self.label, "from": self.start, "to": self.end}
        return {name: str(value) for name, value in values.items() if value is not None}


def display_zone() -> Any:
    """The zone people here read times in (UTC where the system does not know it)."""
    try:
        return ZoneInfo(DISPLAY_TIMEZONE)
    except ZoneInfoNotFoundError:
        return UTC


def _utc(day: date) -> datetime:
    return datetime.combine(day, time(), display_zone()).astimezone(UTC).replace(tzinfo=None)


def _day(text: str) -> date | None:
    """A day in YEARS (others cannot be a session's, and the far ends overflow in UTC)."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if day.year in YEARS else None


def read_filters(args: Mapping[str, str]) -> tuple[Filters, dict[str, str]]:
    """Filters from ``label``, ``from`` and ``to`` (YYYY-MM-DD), and faults as {field: code}."""
    faults: dict[str, str] = {}
    label = (args.get("label") or "").strip()[: MAX_LABEL_LENGTH * 2] or None
    if label is not None and len(label) > MAX_LABEL_LENGTH:  # no stored label is that long
        faults["label"] = "label_too_long"
    days: dict[str, date | None] = {}
    for name in ("from", "to"):
        text = (args.get(name) or "").strip()[:32]
        days[name] = _day(text) if text else None
        if text and days[name] is None:
            faults[name] = "bad_date"
    if days["from"] and days["to"] and days["from"] > days["to"]:
        faults["to"] = "end_before_start"
    if faults:
        return Filters(), faults
    return Filters(label, days["from"], days["to"]), faults

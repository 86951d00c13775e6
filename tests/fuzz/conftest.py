"""Fixtures and checks shared by the fuzz tests: the protocol harness's server, the documented
error codes, and one way to check an error ack."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from protocol.harness import ERROR_DETAILS, Server, expected_message, running_server

from kletsborden.config import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]

# Stable CI: the same examples every run, no example database, no deadline on slow machines.
FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

# Per route and per event: many of them, each tried this often.
ROUTE_FUZZ = settings(FUZZ, max_examples=15)
EVENT_FUZZ = settings(FUZZ, max_examples=30)


def documented_codes() -> set[str]:
    """The codes in the table of docs/protocol.md §8.2: the only codes a client may get."""
    text = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")
    section = text.split("### 8.2", 1)[1].split("\n### ", 1)[0]
    codes = set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE))
    assert len(codes) > 20, codes
    return codes


DOCUMENTED_CODES = documented_codes()


def check_error(ack: Any, what: str) -> dict[str, Any]:
    """``ack`` is a clear refusal: a documented code (never ``internal_error``, which means a
    crash was caught) and the message of that code, translated, in one of our languages."""
    assert isinstance(ack, dict), f"{what}: no ack, got {ack!r}"
    assert ack.get("ok") is False, f"{what}: {ack!r}"
    assert set(ack) == {"ok", "error"}, f"{what}: {ack!r}"
    error = ack["error"]
    code = error.get("code")
    assert code in DOCUMENTED_CODES, f"{what}: undocumented code {error!r}"
    # The database is always there in these tests: "unavailable" would hide a failure too.
    assert code not in ("internal_error", "unavailable"), f"{what}: the server failed: {error!r}"
    details = {k: v for k, v in error.items() if k not in ("code", "message")}
    assert set(details) <= ERROR_DETAILS, f"{what}: {error!r}"
    message = error.get("message")
    assert isinstance(message, str) and message.strip(), f"{what}: {error!r}"
    expected = {expected_message(code, lang, details) for lang in LANGUAGES}
    assert message in expected, f"{what}: message not translated: {error!r}"
    return error


@pytest.fixture
def server(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """The protocol harness's app: default cards loaded, clocks that only move when told."""
    with running_server(tmp_path / "instance", database_url, monkeypatch) as instance:
        yield instance

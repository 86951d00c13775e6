"""Fixtures for the protocol tests; the harness they use is in harness.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .harness import Server, Table, running_server


@pytest.fixture
def server(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    with running_server(tmp_path / "instance", database_url, monkeypatch) as instance:
        yield instance


@pytest.fixture
def table(server: Server) -> Table:
    """A room in the lobby: host "Host" (takes turns) and a projector screen."""
    return server.create_room()

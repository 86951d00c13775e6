"""Live tests run against a real server process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support.server import Server, start_server, stop_server


@pytest.fixture
def server(tmp_path: Path, database_url: str) -> Iterator[Server]:
    running = start_server(tmp_path / "instance", database_url)
    yield running
    stop_server(running)

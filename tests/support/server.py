"""A real ``kletsborden serve`` process (gevent) on a free port, for tests that talk to it."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import requests


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path
    # The environment the server runs with, so a test can run the CLI on the same database.
    env: dict[str, str] = field(default_factory=dict)

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def start_server(
    instance: Path, database_url: str, port: int | None = None, **settings: str
) -> Server:
    """Start ``kletsborden serve``; ``settings`` are more KLETSBORDEN_* variables (no prefix)."""
    port = port or free_port()
    log = instance.parent / f"server-{port}.log"
    env = {
        **os.environ,
        "KLETSBORDEN_INSTANCE_PATH": str(instance),
        "KLETSBORDEN_DATABASE_URL": database_url,
        **{f"KLETSBORDEN_{name.upper()}": value for name, value in settings.items()},
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "kletsborden", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    server = Server(f"http://127.0.0.1:{port}", process, log, env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{server.output()}")
        try:
            if requests.get(f"{server.url}/healthz", timeout=1).status_code == 200:
                return server
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"server did not start:\n{server.output()}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@contextlib.contextmanager
def server_pair(
    instance: Path, database_url: str, **settings: str
) -> Iterator[tuple[Server, Server]]:
    """Two processes on one database (same instance folder: same secret key), stopped after."""
    pair = (
        start_server(instance, database_url, **settings),
        start_server(instance, database_url, **settings),
    )
    try:
        yield pair
    finally:
        for server in pair:
            if server.process.poll() is None:
                stop_server(server)

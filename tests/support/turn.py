"""A real TURN server (Debian's coturn) on 127.0.0.1, for the voice table's relay tests.

``--allow-loopback-peers`` is for tests only: coturn refuses to relay to loopback addresses
otherwise, and here every browser is on this machine.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from support.server import free_port


def turnserver_path() -> str:
    found = shutil.which("turnserver")
    if not found:
        raise RuntimeError("coturn is needed for the relay tests: apt-get install coturn")
    return found


@contextlib.contextmanager
def turn_server(folder: Path, secret: str, realm: str = "kletsborden.test") -> Iterator[int]:
    """Run coturn with ``use-auth-secret`` and ``secret``; yields its UDP/TCP port."""
    port = free_port()
    relay_low = 49_200 + port % 500 * 20  # a relay port range of its own, per test run
    log = folder / f"turnserver-{port}.log"
    process = subprocess.Popen(
        [
            turnserver_path(),
            "-n",
            "--listening-ip=127.0.0.1",
            "--relay-ip=127.0.0.1",
            f"--listening-port={port}",
            f"--min-port={relay_low}",
            f"--max-port={relay_low + 19}",
            "--allow-loopback-peers",
            "--use-auth-secret",
            f"--static-auth-secret={secret}",
            f"--realm={realm}",
            "--no-tls",
            "--no-dtls",
            "--no-cli",
            f"--userdb={folder / 'turndb'}",
            "--log-file=stdout",
        ],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_port(port, process, log)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"turnserver exited:\n{log.read_text(errors='replace')}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.1)
    raise RuntimeError(f"turnserver did not listen:\n{log.read_text(errors='replace')}")

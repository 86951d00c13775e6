"""The processes under test: ``kletsborden serve`` and the bare broadcast server, on loopback."""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # load goes to this machine only


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _more_files() -> None:
    """Thousands of sockets: raise the open-file limit of the child to its hard limit."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _start(name: str, args: list[str], env: dict[str, str], log: Path, port: int) -> Server:
    process = subprocess.Popen(
        [sys.executable, *args, "--host", HOST, "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        preexec_fn=_more_files,
    )
    server = Server(name, f"http://{HOST}:{port}", process, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited:\n{server.output()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{server.url}/healthz", timeout=1) as response:
                if response.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    stop(server)
    raise RuntimeError(f"{name} did not start:\n{server.output()[-3000:]}")


def start_kletsborden(
    workdir: Path, database_url: str, trace_gc: bool = False, gc_threshold: str | None = None
) -> Server:
    """``python -m kletsborden serve`` (gevent) on a fresh instance folder and database.

    ``trace_gc`` runs it through ``bench.gc_probe``, which logs long garbage collections.
    """
    port = free_port()
    instance = workdir / f"instance-{port}"
    env = {
        **os.environ,
        "KLETSBORDEN_INSTANCE_PATH": str(instance),
        "KLETSBORDEN_DATABASE_URL": database_url,
        "KLETSBORDEN_ROOMS_PER_ADDRESS": "0",  # every simulated host comes from 127.0.0.1
        "KLETSBORDEN_SOCKETS_PER_ADDRESS": "0",  # and so does every simulated player
        "PYTHONPATH": str(ROOT),
    }
    if gc_threshold:
        env["BENCH_GC_THRESHOLD"] = gc_threshold
    args = ["-m", "bench.gc_probe" if trace_gc or gc_threshold else "kletsborden", "serve"]
    return _start("kletsborden", args, env, workdir / f"kletsborden-{port}.log", port)


def start_bare(workdir: Path) -> Server:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = ["-m", "bench.bare_server"]
    return _start("bare", args, env, workdir / f"bare-{port}.log", port)


def stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@contextmanager
def database(url: str | None, workdir: Path) -> Iterator[str]:
    """A fresh, empty database for one server: a new SQLite file, or a new PostgreSQL schema
    (dropped afterwards; no other schema is touched)."""
    if not url:
        yield f"sqlite:///{workdir / f'bench-{uuid.uuid4().hex[:8]}.db'}"
        return
    if not url.startswith("postgresql"):
        raise ValueError("--database-url must be a PostgreSQL URL (SQLite is the default)")
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        separator = "&" if "?" in url else "?"
        yield f"{url}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def pg_sessions(url: str) -> int:
    """PostgreSQL's count of sessions in this database so far (pg_stat_database, PG 14+)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            query = "SELECT sessions FROM pg_stat_database WHERE datname = current_database()"
            return int(connection.execute(text(query)).scalar() or 0)
    finally:
        engine.dispose()


@contextmanager
def health_answers(url: str, every: float) -> Iterator[list[float]]:
    """Ask ``/healthz`` every ``every`` seconds while the block runs: the seconds each answer took.

    How long others wait while one client misbehaves is what the hardening benches measure.
    """
    answers: list[float] = []
    done = threading.Event()

    def probe() -> None:
        while not done.is_set():
            asked = time.monotonic()
            with urllib.request.urlopen(f"{url}/healthz", timeout=60):
                answers.append(time.monotonic() - asked)
            time.sleep(every)

    prober = threading.Thread(target=probe)
    prober.start()
    try:
        yield answers
    finally:
        done.set()
        prober.join()

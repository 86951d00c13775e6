"""The gevent server behind ``kletsborden serve``: one process, websockets, low latency."""

from __future__ import annotations

import errno
import gc
import ipaddress
import resource
import socket

from flask import Flask
from gevent import pywsgi

from . import config
from .config import MIN_SECRET_KEY_LENGTH, SOCKET_TIMEOUT_SECONDS


class Handler(pywsgi.WSGIHandler):
    """Websockets without compression, and the connection closed once its websocket is over.

    Every browser offers ``permessage-deflate``, and simple-websocket accepts it: each
    connection then keeps a zlib compressor for as long as it lives, and every frame to every
    player is compressed on its own. Measured with 300 connections that offer it as browsers
    do: 166 KB of the server's memory per connection against 62 KB without (docs/performance.md).
    A snapshot is 2 to 4 KB, sent a few times a minute: the bytes compression saves do not matter
    to a phone, the memory and CPU do to the server. So the offer is not passed on, and the
    websocket is answered without the extension (RFC 6455 lets a server decline any).

    The websocket runs on a duplicate of the socket; pywsgi would otherwise wait on the original
    for a next request that never comes.
    """

    def get_environ(self) -> dict:
        environ = super().get_environ()
        environ.pop("HTTP_SEC_WEBSOCKET_EXTENSIONS", None)
        return environ

    def handle_one_response(self) -> None:
        super().handle_one_response()
        if self.environ.get("HTTP_UPGRADE", "").lower() == "websocket":
            self.close_connection = True


class NoDelayServer(pywsgi.WSGIServer):
    """pywsgi leaves Nagle's algorithm on; small socket.io frames then wait for ACKs.

    It also leaves sockets without a timeout: a websocket client that never reads would block
    its writer, and keep its queue, for ever (the websocket inherits this socket's timeout).
    """

    handler_class = Handler

    def handle(self, sock: socket.socket, address: tuple) -> None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(SOCKET_TIMEOUT_SECONDS)
        super().handle(sock, address)


class ServeError(ValueError):
    """The server cannot start as asked; the message says which setting to change."""


def raise_open_file_limit() -> None:
    """Every socket is an open file: take the hard limit (often 1024 soft, far more hard), so
    the cap on sockets per address is what refuses a crowd, never "too many open files"."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def bind(app: Flask, host: str, port: int) -> NoDelayServer:
    """The server with its socket bound, so that "running on" is only said once it is true."""
    raise_open_file_limit()
    server = NoDelayServer((host, port), app, log=None)
    try:
        server.init_socket()
    except socket.gaierror:
        raise ServeError(
            f"cannot listen on {host!r}: no such address or host name "
            "(check --host or KLETSBORDEN_HOST)"
        ) from None
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise ServeError(
                f"port {port} on {host} is already in use (is Kletsborden already running?); "
                "choose another with --port or KLETSBORDEN_PORT"
            ) from None
        if error.errno == errno.EACCES:
            raise ServeError(
                f"not allowed to listen on port {port}: ports below 1024 need root; "
                "choose another with --port or KLETSBORDEN_PORT"
            ) from None
        raise ServeError(
            f"cannot listen on {host}:{port}: {error.strerror} (check --host and --port)"
        ) from None
    return server


def is_loopback(host: str) -> bool:
    """Only this machine can reach the address (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# Secret keys known from examples (docker-compose.yml once shipped the first one).
KNOWN_SECRETS = frozenset({"change-me-not-a-secret", "change-me", "secret", "dev", "test"})


def check_secret_key(host: str, secret: str | None) -> None:
    """Beyond this machine, cookies and screen keys need a real secret: refuse to start with a
    missing, known or short one. A key generated into the instance folder is a real one."""
    if is_loopback(host):
        return
    if not secret:
        problem = "no secret key is set"
    elif secret in KNOWN_SECRETS:
        problem = "the secret key is an example value everyone knows"
    elif len(secret) < MIN_SECRET_KEY_LENGTH:
        problem = f"the secret key is shorter than {MIN_SECRET_KEY_LENGTH} characters"
    else:
        return
    raise ServeError(
        f"refusing to listen on {host}, beyond this machine: {problem}. Set "
        f"KLETSBORDEN_SECRET_KEY to a long random value (e.g. openssl rand -hex 32), or unset it "
        "to use the key generated in the instance folder (one process only)"
    )


def shown_host(host: str) -> str:
    """The host as a link: a listen-everywhere address is reached as this machine."""
    if host in ("0.0.0.0", "::", ""):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def settle_heap() -> None:
    """Move everything start-up made out of the collector's sight, and let it run less often.

    Modules, the app and the card library live as long as the process: ``gc.freeze`` spares
    every full collection from walking them again. The thresholds are in ``config.GC_THRESHOLDS``
    (measured in docs/performance.md).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*config.GC_THRESHOLDS)

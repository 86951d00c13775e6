"""The gevent server behind ``kletsborden serve``: one process, websockets, low latency."""

from __future__ import annotations

import socket

from flask import Flask
from gevent import pywsgi

from .config import SOCKET_TIMEOUT_SECONDS


class Handler(pywsgi.WSGIHandler):
    """Closes the connection once its websocket is over.

    The websocket runs on a duplicate of the socket; pywsgi would otherwise wait on the original
    for a next request that never comes.
    """

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


def run_server(app: Flask, host: str, port: int) -> None:
    server = NoDelayServer((host, port), app, log=None)
    server.serve_forever()

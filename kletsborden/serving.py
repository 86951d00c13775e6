"""The gevent server behind ``kletsborden serve``: one process, websockets, low latency."""

from __future__ import annotations

import socket

from flask import Flask
from gevent import pywsgi


class NoDelayServer(pywsgi.WSGIServer):
    """pywsgi leaves Nagle's algorithm on; small socket.io frames then wait for ACKs."""

    def handle(self, sock: socket.socket, address: tuple) -> None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().handle(sock, address)


def run_server(app: Flask, host: str, port: int) -> None:
    server = NoDelayServer((host, port), app, log=None)
    server.serve_forever()

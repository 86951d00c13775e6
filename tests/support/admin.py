"""Using the deck editor from tests the way a browser does: log in, and post forms with the
page's CSRF token (the editor's tests run with CSRF protection on, as in production)."""

from __future__ import annotations

import re
import subprocess
import sys

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from .server import Server

PASSWORD = "een lang wachtwoord"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def token(client: FlaskClient, url: str = "/admin/login") -> str:
    """The CSRF token a page holds for this client's session."""
    page = client.get(url).get_data(as_text=True)
    found = TOKEN.search(page)
    assert found, f"no CSRF token on {url}"
    return found.group(1)


class Auth:
    """A test client that logs in and posts forms with a fresh CSRF token."""

    def __init__(self, client: FlaskClient):
        self.client = client

    def login(self, username: str = "anna", password: str = PASSWORD) -> TestResponse:
        data = {"username": username, "password": password, "csrf_token": token(self.client)}
        return self.client.post("/admin/login", data=data)

    def post(
        self, url: str, data: dict | None = None, page: str = "/admin/", **options
    ) -> TestResponse:
        """POST with a token taken from ``page`` (any editor page the client may open)."""
        form = {"csrf_token": token(self.client, page), **(data or {})}
        return self.client.post(url, data=form, **options)


def create_account(site: Server, username: str, role: str = "admin") -> None:
    """An account made the way a new install makes one: the command line, on the site's
    database (``site`` is a running server from tests/support/server.py)."""
    subprocess.run(
        [sys.executable, "-m", "kletsborden", "create-admin", username, "--role", role]
        + ["--password-stdin"],
        input=PASSWORD + "\n",
        text=True,
        env=site.env,
        check=True,
        capture_output=True,
        timeout=60,
    )

"""The application factory: one place that wires configuration, database, web and sockets."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import realtime, web
from .config import Config, ConfigError
from .paths import instance_dir, resource_dir
from .rooms import RoomService
from .store.database import Database


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(instance_dir()),
        static_folder=str(resource_dir("static")),
        static_url_path="/static",
    )
    app.config.update(Config().as_flask_config())
    app.config.update(test_config or {})
    instance = Path(app.instance_path)
    try:
        instance.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(
            f"the instance folder {instance} cannot be made ({error.strerror}); "
            "set KLETSBORDEN_INSTANCE_PATH to a folder this user may write"
        ) from None
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(instance)
    url = app.config.get("KLETSBORDEN_DATABASE_URL") or f"sqlite:///{instance / 'kletsborden.db'}"
    db = Database(url)
    app.extensions["kletsborden.db"] = db
    app.extensions["kletsborden.rooms"] = RoomService(
        db,
        secret=app.config["SECRET_KEY"],
        grace=float(app.config["KLETSBORDEN_GRACE_SECONDS"]),
        voice_max=int(app.config["KLETSBORDEN_VOICE_MAX_PEERS"]),
    )
    web.init_app(app)
    realtime.init_app(app)
    proxies = int(app.config["KLETSBORDEN_TRUSTED_PROXIES"])
    if proxies:  # outermost, so that sockets, pages and rate limits all see the real client
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )
    return app


def database(app: Flask) -> Database:
    return app.extensions["kletsborden.db"]


def _instance_secret(instance: Path) -> str:
    """A secret key kept in the instance folder, made on first use, readable only by us."""
    path = instance / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()

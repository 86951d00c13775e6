"""``/healthz``: tells a load balancer whether this process can serve, database included.

"Can serve" means the schema is there and the database takes writes: a read-only database (a
file without write permission, a PostgreSQL standby) or a missing schema fails every move, so
the probe writes (a no-op update of Alembic's version row, rolled back)."""

from __future__ import annotations

from flask import Blueprint, current_app
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

bp = Blueprint("health", __name__)
PROBE = text("UPDATE alembic_version SET version_num = version_num")


@bp.get("/healthz")
def healthz() -> tuple[dict[str, str], int]:
    try:
        with current_app.extensions["kletsborden.db"].engine.connect() as connection:
            changed = connection.execute(PROBE).rowcount
            connection.rollback()
        if changed != 1:
            return {"status": "error", "database": "no schema"}, 503
    except SQLAlchemyError:
        return {"status": "error", "database": "unavailable"}, 503
    return {"status": "ok", "database": "ok"}, 200

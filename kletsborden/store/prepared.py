"""A move's ``UPDATE`` on PostgreSQL, run as a statement prepared once per connection, by libpq.

psycopg's cursor costs more CPU than PostgreSQL's own answer to a move: for each statement it
makes a cursor, converts the query, dumps the parameters, keeps its prepared-statement
bookkeeping, and, under gevent, waits through a ``select.poll`` object built for one wait.
The same ``UPDATE`` sent through psycopg's libpq connection (``psycopg.pq``, its documented
low-level interface) and waited for with gevent's own ``wait_read`` cost 65 µs of CPU where the
cursor cost 175 µs (median of alternating batches, the machine otherwise idle;
docs/performance.md).

Only what needs no transaction of psycopg's runs here: statements on an idle connection in
autocommit (a move's own connection), with parameters of the few types ``_TEXT`` writes.
SQLAlchemy's ``before_cursor_execute`` and ``after_cursor_execute`` listeners hear of each
statement, as of any other (what a ``retval`` listener returns is not used, and ``echo`` does
not log it). Anything that goes wrong is left to SQLAlchemy, which runs the statement again its
own way and reports the error as it always does (on a lost connection it fails at once and
replaces the pool's connections): with the connection idle again nothing was written. So a
value PostgreSQL refuses costs a second round trip, and so would every move behind PgBouncer in
transaction mode (a statement prepared on one backend, run on another). A statement still in
flight when the wait for it fails, or the waiting greenlet is interrupted, can only be ended by
closing its connection, which is then invalidated (and the failure reported as SQLAlchemy
reports a lost connection).
"""

from __future__ import annotations

import select
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cache, partial
from itertools import count
from typing import Any

import msgspec
from psycopg import pq
from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

# How each parameter is written as PostgreSQL's text input, by its exact type (a bool is an int).
_TEXT: dict[type, Callable[[Any], bytes]] = {
    int: lambda value: b"%d" % value,
    float: lambda value: repr(value).encode(),
    str: str.encode,
    bytes: bytes,
    msgspec.Raw: bytes,
    datetime: lambda value: value.isoformat(" ").encode(),
}

_names = count(1)


class Unprepared(Exception):
    """The statement could not be run here; SQLAlchemy runs it instead. ``sqlstate`` is
    PostgreSQL's code for a statement it refused."""

    def __init__(self, message: str, sqlstate: bytes | None = None):
        super().__init__(message)
        self.sqlstate = sqlstate


# PostgreSQL's codes for no prepared statement of that name on the connection, and for one.
_NO_SUCH_STATEMENT = b"26000"
_ALREADY_PREPARED = b"42P05"


def as_text(parameters: Sequence[Any], processed: Sequence[bool]) -> list[bytes | None] | None:
    """The parameters as text for libpq, or None when one is not written here: of a type
    ``_TEXT`` does not know, a datetime with a time zone (a ``TIMESTAMP WITHOUT TIME ZONE``
    would drop its offset), or anything but JSON text for a column whose type processes its
    values (the JSON column: SQLAlchemy would encode a ``str`` or ``None`` as JSON)."""
    values: list[bytes | None] = []
    for value, by_type in zip(parameters, processed, strict=True):
        kind = type(value)
        if by_type and kind is not msgspec.Raw:
            return None
        if value is None:
            values.append(None)
            continue
        write = _TEXT.get(kind)
        if write is None or (kind is datetime and value.tzinfo is not None):
            return None
        values.append(write(value))
    return values


class PreparedStatement:
    """One SQL text with ``$n`` parameters, prepared on each connection the first time it is run
    there (the connection's ``info`` remembers it, for as long as the connection lives)."""

    def __init__(self, sql: str):
        self.sql = sql
        self._sql = sql.encode()
        self.name = b"kletsborden_%d" % next(_names)

    def run(self, connection: Connection, parameters: list[bytes | None]) -> int:
        """The number of rows the statement changed. Raises ``Unprepared`` when SQLAlchemy should
        run it instead (nothing was written)."""
        driver = connection.connection.driver_connection
        if driver is None or not driver.autocommit:
            raise Unprepared("not a connection in autocommit")
        pgconn = driver.pgconn
        if (
            pgconn.pipeline_status != pq.PipelineStatus.OFF
            or pgconn.transaction_status != pq.TransactionStatus.IDLE
        ):
            raise Unprepared("the connection is busy")
        prepared: set[bytes] = connection.info.setdefault("kletsborden.prepared", set())
        listeners = connection.dispatch
        listeners.before_cursor_execute(connection, None, self.sql, parameters, None, False)
        try:
            if self.name not in prepared:
                _answer(pgconn, lambda: pgconn.send_prepare(self.name, self._sql))
                prepared.add(self.name)
            changed = _answer(pgconn, lambda: pgconn.send_query_prepared(self.name, parameters))
        except Unprepared as refused:
            if refused.sqlstate == _NO_SUCH_STATEMENT:  # the server forgot it: prepare again
                prepared.discard(self.name)
            elif refused.sqlstate == _ALREADY_PREPARED:  # by this process, on this backend
                prepared.add(self.name)
            raise
        except BaseException as error:
            if not _in_flight(pgconn):
                if isinstance(error, Exception):
                    raise Unprepared(str(error)) from error
                raise
            connection.invalidate(error)
            if isinstance(error, Exception):  # as SQLAlchemy reports a lost connection
                raise OperationalError(
                    self.sql, None, error, connection_invalidated=True
                ) from error
            raise
        listeners.after_cursor_execute(connection, None, self.sql, parameters, None, False)
        return changed


def _answer(pgconn: pq.abc.PGconn, send: Callable[[], None]) -> int:
    """Send one command, wait for its one result without blocking other greenlets, and give
    the rows it changed; raises ``Unprepared`` when it failed (the connection is idle again)."""
    send()
    while pgconn.flush():
        _wait_writable(pgconn.socket)
    while True:
        pgconn.consume_input()
        if not pgconn.is_busy():
            break
        _wait_readable(pgconn.socket)
    results = []
    while (result := pgconn.get_result()) is not None:
        results.append(result)
    if len(results) != 1 or results[0].status != pq.ExecStatus.COMMAND_OK:
        if not results:
            raise Unprepared("no result")
        last = results[-1]
        message = last.error_message.decode(errors="replace")
        raise Unprepared(message, last.error_field(pq.DiagnosticField.SQLSTATE))
    changed = results[0].command_tuples
    return changed if changed is not None else 0


def _in_flight(pgconn: pq.abc.PGconn) -> bool:
    """A command sent and not fully answered: only closing the connection ends it."""
    return pgconn.status == pq.ConnStatus.OK and pgconn.transaction_status in (
        pq.TransactionStatus.ACTIVE,
        pq.TransactionStatus.UNKNOWN,
    )


def _wait_readable(fd: int) -> None:
    _waits()[0](fd)


def _wait_writable(fd: int) -> None:
    _waits()[1](fd)


@cache
def _waits() -> tuple[Callable[[int], Any], Callable[[int], Any]]:
    """gevent's own waits when serving (they park only the greenlet); ``poll`` otherwise
    (``select`` refuses a descriptor numbered 1024 or more). Chosen at the first wait: the
    server patches the standard library before it serves."""
    from gevent import monkey

    if monkey.is_module_patched("select"):
        from gevent.socket import wait_read, wait_write

        return wait_read, wait_write
    return partial(_poll, select.POLLIN), partial(_poll, select.POLLOUT)


def _poll(events: int, fd: int) -> None:
    poll = select.poll()
    poll.register(fd, events)
    poll.poll()

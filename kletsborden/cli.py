"""The ``kletsborden`` command line: serve the game and manage its database and cards.

Bad input gives a one-line message and exit status 1; an unexpected failure, a one-line message
and exit status 2. Never a traceback.
"""

from __future__ import annotations

import getpass
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from sqlalchemy.exc import SQLAlchemyError

from .config import DEFAULT_LANGUAGE, LANGUAGES
from .editions.model import EditionFileError

if TYPE_CHECKING:
    from flask import Flask

    from .store.database import Database

log = logging.getLogger("kletsborden")


def _app() -> Flask:
    """The app, imported late so that ``serve`` can monkey-patch before Flask loads."""
    from .app import create_app

    return create_app()


def _database() -> Database:
    from .app import database

    return database(_app())


@click.group(help="Kletsborden online: a conversation card game for the neighbourhood.")
def cli() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    log.setLevel(logging.INFO)


@cli.command(help="Serve the game (creates the database and loads the cards on first run).")
@click.option("--host", default=lambda: os.environ.get("KLETSBORDEN_HOST", "127.0.0.1"))
@click.option("--port", type=int, default=lambda: int(os.environ.get("KLETSBORDEN_PORT", "5000")))
def serve(host: str, port: int) -> None:
    from .app import create_app, database
    from .card_library import prepare_database
    from .realtime import handlers, socketio
    from .realtime.sweeper import start_sweeper
    from .serving import run_server

    app = create_app({"KLETSBORDEN_ASYNC_MODE": "gevent"})
    report = prepare_database(database(app))
    if report is not None:
        click.echo(f"Loaded the default cards: {len(report.added)} cards.")
    click.echo(f"Kletsborden is running on http://{host}:{port}/ (stop with Ctrl+C)")
    start_sweeper(app, socketio, handlers)
    run_server(app, host, port)


@cli.command("init-db", help="Create or upgrade the database; load the default cards if empty.")
def init_db() -> None:
    from .card_library import prepare_database

    report = prepare_database(_database())
    loaded = f", loaded {len(report.added)} default cards" if report else ""
    click.echo(f"Database is up to date{loaded}.")


@cli.command("import-cards", help="Add or update cards from edition files (.toml, .json, .csv).")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only show what would change.")
def import_cards(paths: tuple[Path, ...], dry_run: bool) -> None:
    from .card_library import import_files

    db = _database()
    db.upgrade()
    report = import_files(db, list(paths), dry_run=dry_run)
    prefix = "Would import" if dry_run else "Imported"
    click.echo(
        f"{prefix}: {len(report.added)} added, {len(report.changed)} changed, "
        f"{len(report.unchanged)} unchanged; editions added: {len(report.editions_added)}, "
        f"changed: {len(report.editions_changed)}."
    )
    for label in report.added:
        click.echo(f"  + {label}")
    for label in report.changed:
        click.echo(f"  ~ {label}")


@cli.command("export-cards", help="Write editions as JSON or CSV (to standard output by default).")
@click.option("--edition", "editions", multiple=True, help="Edition id; repeat for several.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="File to write.")
def export_cards(editions: tuple[str, ...], fmt: str, output: Path | None) -> None:
    from .card_library import export_editions

    db = _database()
    db.upgrade()
    text = export_editions(db, list(editions) or None, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8", newline="")
        click.echo(f"Wrote {output}.", err=True)


@cli.command("print-cards", help="Write an edition's cards in play as a PDF to print on A4.")
@click.argument("edition")
@click.option(
    "--language", type=click.Choice(LANGUAGES), default=DEFAULT_LANGUAGE, show_default=True
)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="File to write.")
def print_cards(edition: str, language: str, output: Path | None) -> None:
    from .printing.deck import PrintError, print_edition

    db = _database()
    db.upgrade()
    try:
        deck = print_edition(db, edition, language)
    except PrintError as error:
        raise click.ClickException(error.message(language)) from None
    path = output or Path(deck.filename)
    path.write_bytes(deck.content)
    click.echo(f"Wrote {deck.cards} cards to {path}.")


@cli.command("purge", help="Delete rooms that ended or went idle (names, seats, answers).")
@click.option(
    "--older-than",
    "hours",
    type=float,
    default=None,
    help="Hours since the room ended or last changed (default: KLETSBORDEN_RETENTION_HOURS).",
)
def purge(hours: float | None) -> None:
    app = _app()
    app.extensions["kletsborden.db"].upgrade()
    retention = app.config["KLETSBORDEN_RETENTION_HOURS"] if hours is None else hours
    if retention < 0:
        raise click.ClickException("--older-than cannot be negative")
    gone = app.extensions["kletsborden.rooms"].purge(retention)
    click.echo(f"Deleted {gone} room(s) older than {retention:g} hours.")


@cli.command("create-admin", help="Create an admin account for the deck editor.")
@click.argument("username")
@click.option("--role", type=click.Choice(["admin", "facilitator"]), default="admin")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_admin(username: str, role: str, password_stdin: bool) -> None:
    from .store.admins import create_admin as add_admin

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != password:
            raise click.ClickException("the passwords are not the same")
    db = _database()
    db.upgrade()
    with db.transaction() as session:
        add_admin(session, username, password, role)
    click.echo(f"Created {role} {username!r}.")


def run() -> None:
    """Run the command line, turning every failure into one line on standard error."""
    from .store.admins import AccountError

    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.UsageError as error:
        command = error.ctx.command_path if error.ctx else "kletsborden"
        click.echo(f"error: {error.format_message()} (see '{command} --help')", err=True)
        sys.exit(1)
    except click.ClickException as error:
        click.echo(f"error: {error.format_message()}", err=True)
        sys.exit(1)
    except EditionFileError as error:
        if len(error.faults) == 1:
            click.echo(f"error: {error.faults[0]}", err=True)
        else:
            click.echo(f"error: the card files have {len(error.faults)} faults:", err=True)
            for fault in error.faults:
                click.echo(f"  {fault}", err=True)
        sys.exit(1)
    except (AccountError, LookupError, ValueError, OSError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    except SQLAlchemyError as error:
        click.echo(
            f"error: database problem: {error.__class__.__name__}: {error.args[0]}", err=True
        )
        sys.exit(1)
    except Exception as error:  # the promise is: never a traceback
        log.debug("unexpected error", exc_info=True)
        click.echo(f"error: unexpected {error.__class__.__name__}: {error}", err=True)
        sys.exit(2)

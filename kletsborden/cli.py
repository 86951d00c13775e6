"""The ``kletsborden`` command line: serve the game and manage its database and cards.

Bad input gives a one-line message and exit status 1; an unexpected failure, a one-line message
and exit status 2. Never a traceback.
"""

from __future__ import annotations

import getpass
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click
from sqlalchemy.exc import SQLAlchemyError

from . import __version__
from .config import DEFAULT_LANGUAGE, serve_host, serve_port
from .editions.model import EditionFileError
from .i18n.languages import interface_languages
from .store.admins import ADMIN_ROLES, DEFAULT_ROLE

if TYPE_CHECKING:
    from flask import Flask

    from .store.database import Database

log = logging.getLogger("kletsborden")

# The audit trail names this as the maker of changes from the command line.
CLI_ACTOR = "cli"


def _app() -> Flask:
    """The app, imported late so that ``serve`` can monkey-patch before Flask loads."""
    from .app import create_app

    return create_app()


def _database() -> Database:
    from .app import database

    return database(_app())


def say_database(db: Database) -> None:
    """One line naming the database a command used, so no one wonders which one it was."""
    click.echo(f"Database: {db.describe()}", err=True)


def _writable(path: Path) -> Path:
    """A file we are about to write: its folder must exist (said plainly, not as an errno)."""
    folder = path.expanduser().absolute().parent
    if not folder.is_dir():
        raise click.ClickException(f"cannot write {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise click.ClickException(f"cannot write {path}: it is a folder; give a file name")
    return path


CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.group(
    help="Kletsborden online: a conversation card game for the neighbourhood.",
    context_settings=CONTEXT,
    invoke_without_command=True,
)
@click.version_option(__version__, "--version", "-V", prog_name="kletsborden")
@click.pass_context
def cli(ctx: click.Context) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    log.setLevel(logging.INFO)
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


@cli.command(help="Serve the game (creates the database and loads the cards on first run).")
@click.option("--host", default=None, help="Address to listen on [default: 127.0.0.1].")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=None, help="Port (1-65535) [default: 5000]."
)
def serve(host: str | None, port: int | None) -> None:
    import time

    from .app import create_app, database
    from .card_library import prepare_database
    from .first_admin import issue_link
    from .realtime import handlers, socketio
    from .realtime.sweeper import start_sweeper
    from .serving import bind, check_secret_key, settle_heap, shown_host

    host = serve_host() if host is None else host
    port = serve_port() if port is None else port
    app = create_app({"KLETSBORDEN_ASYNC_MODE": "gevent"})
    check_secret_key(host, app.config["SECRET_KEY"])
    db = database(app)
    report = prepare_database(db)
    say_database(db)
    if report is not None:
        click.echo(f"Loaded the default cards: {len(report.added)} cards.")
    server = bind(app, host, port)
    base = f"http://{shown_host(host)}:{port}"
    click.echo(f"Kletsborden is running on {base}/ (stop with Ctrl+C)")
    token = issue_link(db, time.time())
    if token is not None:
        click.echo(
            "No admin account yet. To create the first one, open this link within an hour "
            f"(it works once):\n  {base}/admin/setup/{token}\n"
            "(or run: kletsborden create-admin NAME)"
        )
    start_sweeper(app, socketio, handlers)
    settle_heap()
    server.serve_forever()


@cli.command("init-db", help="Create or upgrade the database; load the default cards if empty.")
def init_db() -> None:
    from .card_library import prepare_database

    db = _database()
    report = prepare_database(db)
    loaded = f", loaded {len(report.added)} default cards" if report else ""
    click.echo(f"Database is up to date{loaded}.")
    say_database(db)


@cli.command("import-cards", help="Add or update cards from edition files (.toml, .json, .csv).")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only show what would change.")
@click.option(
    "--language",
    type=click.Choice(list(interface_languages())),
    default=None,
    help="Say faults in this language, as the editor does (default: English).",
)
def import_cards(paths: tuple[Path, ...], dry_run: bool, language: str | None) -> None:
    from .card_library import import_files
    from .editions.model import EditionFileError
    from .i18n.faults import fault_line

    db = _database()
    db.upgrade()
    try:
        report = import_files(db, list(paths), dry_run=dry_run)
    except EditionFileError as error:
        if language is None:
            raise
        for fault in error.faults:
            click.echo(f"error: {fault_line(fault, language)}", err=True)
        sys.exit(1)
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
    say_database(db)


@cli.command("export-cards", help="Write editions as JSON or CSV (to standard output by default).")
@click.option("--edition", "editions", multiple=True, help="Edition id; repeat for several.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="File to write.")
def export_cards(editions: tuple[str, ...], fmt: str, output: Path | None) -> None:
    from .card_library import export_editions

    if output is not None:
        _writable(output)
    db = _database()
    db.upgrade()
    text = export_editions(db, list(editions) or None, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8", newline="")
        click.echo(f"Wrote {output}.", err=True)
    say_database(db)


@cli.command("print-cards", help="Write an edition's cards in play as a PDF to print on A4.")
@click.argument("edition")
@click.option(
    "--language",
    default=DEFAULT_LANGUAGE,
    show_default=True,
    help="Any language the edition has (nl, en, tr, ar, pl, uk, ...).",
)
@click.option("--second", help="A second language, printed under the first on each card.")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="File to write.")
def print_cards(edition: str, language: str, second: str | None, output: Path | None) -> None:
    from .printing.deck import PrintError, print_edition

    if output is not None:
        _writable(output)
    db = _database()
    db.upgrade()
    try:
        deck = print_edition(db, edition, language, second=second)
    except PrintError as error:
        raise click.ClickException(error.message(language)) from None
    path = output or Path(deck.filename)
    path.write_bytes(deck.content)
    click.echo(f"Wrote {deck.cards} cards to {path}.")
    say_database(db)


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
    say_database(app.extensions["kletsborden.db"])


def _new_password(password_stdin: bool) -> str:
    """The password from standard input, or asked twice at a terminal (never echoed)."""
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise click.ClickException(
            "there is no terminal to ask for the password; pipe it in with --password-stdin"
        )
    password = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != password:
        raise click.ClickException("the passwords are not the same")
    return password


@cli.command(
    "create-admin",
    help="Create an account: an admin (edits cards and accounts) unless --role facilitator. "
    "For scripts; the first admin can also be made in the browser with the link 'serve' prints.",
)
@click.argument("username")
@click.option("--role", type=click.Choice(ADMIN_ROLES), default="admin", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_admin(username: str, role: str, password_stdin: bool) -> None:
    _create(username, role, password_stdin)


def _create(username: str, role: str, password_stdin: bool) -> None:
    from .deck_editor.accounts import create_account
    from .store.admins import check_username

    username = check_username(username)
    password = _new_password(password_stdin)
    db = _database()
    db.upgrade()
    create_account(db, CLI_ACTOR, username, password, role)
    click.echo(f"Created {role} {username!r}.")
    say_database(db)


@cli.group(
    help="Manage the accounts of the deck editor (all changes are audited as 'cli').",
    invoke_without_command=True,
)
@click.pass_context
def accounts(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


@accounts.command("list", help="List the accounts: name, role, and whether it may log in.")
def accounts_list() -> None:
    from .deck_editor.accounts import list_admins

    db = _database()
    db.upgrade()
    for account in list_admins(db):
        state = "disabled" if account.disabled else "enabled"
        click.echo(f"{account.username}\t{account.role}\t{state}")
    say_database(db)


@accounts.command("create", help="Create an account; a facilitator unless --role admin.")
@click.argument("username")
@click.option("--role", type=click.Choice(ADMIN_ROLES), default=DEFAULT_ROLE, show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def accounts_create(username: str, role: str, password_stdin: bool) -> None:
    _create(username, role, password_stdin)


@accounts.command("set-password", help="Give an account a new password; its logins end.")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def accounts_set_password(username: str, password_stdin: bool) -> None:
    from .deck_editor.accounts import set_password

    _change(
        f"New password for {username.strip()!r}",
        set_password,
        username,
        _new_password(password_stdin),
    )


@accounts.command("disable", help="Disable an account: every login ends, none is accepted.")
@click.argument("username")
def accounts_disable(username: str) -> None:
    from .deck_editor.accounts import set_disabled

    _change(f"Disabled {username.strip()!r}", set_disabled, username, True)


@accounts.command("enable", help="Let a disabled account log in again.")
@click.argument("username")
def accounts_enable(username: str) -> None:
    from .deck_editor.accounts import set_disabled

    _change(f"Enabled {username.strip()!r}", set_disabled, username, False)


@accounts.command("set-role", help="Make an account an admin or a facilitator.")
@click.argument("username")
@click.argument("role", type=click.Choice(ADMIN_ROLES))
def accounts_set_role(username: str, role: str) -> None:
    from .deck_editor.accounts import set_role

    _change(f"{username.strip()!r} is now {role}", set_role, username, role)


def _change(done: str, change: Callable[..., object], username: str, value: object) -> None:
    db = _database()
    db.upgrade()
    change(db, CLI_ACTOR, username, value)
    click.echo(f"{done}.")
    say_database(db)


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

"""`pmpath users`: accounts and API tokens from the terminal."""

from __future__ import annotations

import typer
from rich.table import Table

from pmpath.cli._django import CLIError, console, ensure_database, get_user, print_json

app = typer.Typer(help="Create and list accounts; make API tokens.", no_args_is_help=True)


@app.command("create")
def create(
    username: str = typer.Argument(..., help="The new account's username."),
    email: str = typer.Option("", "--email", help="E-mail address."),
    password: str | None = typer.Option(
        None, "--password", help="Password (prompted for when omitted and a terminal is attached)."
    ),
    admin: bool = typer.Option(False, "--admin", help="Make the account an instance admin."),
    as_json: bool = typer.Option(False, "--json", help="Print the new account as JSON."),
) -> None:
    """Create an account."""
    ensure_database()
    from pmpath.accounts.services import AccountError, create_user

    if password is None and typer.get_text_stream("stdin").isatty():
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(username=username, email=email, password=password, is_admin=admin)
    except AccountError as exc:
        raise CLIError(str(exc)) from None
    if as_json:
        print_json({"id": user.pk, "username": user.username, "email": user.email, "admin": admin})
    else:
        role = "admin" if admin else "user"
        console.print(f"Created {role} {user.username}.", highlight=False)
        if not password:
            console.print("It has no password yet: set one with `pmpath manage changepassword`.")


@app.command("list")
def list_users(as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """List accounts."""
    ensure_database()
    from pmpath.accounts.queries import users_overview

    rows = [
        {
            "username": u.username,
            "email": u.email,
            "admin": u.is_superuser,
            "active": u.is_active,
            "joined": u.date_joined.isoformat(),
        }
        for u in users_overview()
    ]
    if as_json:
        print_json(rows)
        return
    table = Table("Username", "E-mail", "Admin", "Joined")
    for row in rows:
        table.add_row(
            row["username"], row["email"], "yes" if row["admin"] else "", row["joined"][:10]
        )
    console.print(table)


@app.command("token")
def token(
    user: str = typer.Option(..., "--user", help="Whose token."),
    name: str = typer.Option("command line", "--name", help="What the token is for."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Create an API token. It is printed once; pmpath keeps only its hash."""
    account = get_user(user)
    from pmpath.accounts.services import create_token

    record, raw = create_token(account, name=name)
    if as_json:
        print_json({"name": record.name, "token": raw})
    else:
        typer.echo(raw)


@app.command("admin")
def make_admin(
    username: str = typer.Argument(..., help="The account to change."),
    revoke: bool = typer.Option(False, "--revoke", help="Take admin rights away instead."),
) -> None:
    """Make an account an instance admin (or, with --revoke, stop it being one)."""
    ensure_database()
    from pmpath.accounts.instance_services import InstanceError, set_admin_by_name

    try:
        user = set_admin_by_name(username=username, make_admin=not revoke)
    except InstanceError as exc:
        raise CLIError(str(exc)) from None
    word = "is no longer an admin" if revoke else "is now an instance admin"
    console.print(f"{user.username} {word}.", highlight=False)


@app.command("registration")
def registration(
    mode: str | None = typer.Argument(None, help="open, invite or closed; omit to show it."),
) -> None:
    """Show or set who can sign up: open, invite (an invitation link is needed) or closed."""
    ensure_database()
    from pmpath.accounts.instance_services import (
        InstanceError,
        registration_mode,
        set_registration_mode,
    )

    if mode is None:
        console.print(f"Registration is {registration_mode()}.", highlight=False)
        return
    try:
        set_registration_mode(None, mode=mode.strip().lower())
    except InstanceError as exc:
        raise CLIError(str(exc)) from None
    console.print(f"Registration is now {mode.strip().lower()}.", highlight=False)

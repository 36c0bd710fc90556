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

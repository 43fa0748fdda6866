"""``backcoach serve``: run the web app with uvicorn, optionally with a demo history to look at.

The app factory brings the database schema up to date before the first request (``create_app``
runs the migrations), so ``serve`` on a fresh machine needs nothing else. The address is printed
before the server starts, so ``make run`` shows where to point the browser.
"""

from __future__ import annotations

from typing import Annotated

import typer

from backcoach.cli.app import app, console, handles_errors
from backcoach.cli.storage import DbOption, now
from backcoach.errors import InputError


@app.command(short_help="Run the web app and its JSON API.")
@handles_errors
def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (1-65535).")] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo", help="Add a demo user with eight weeks of history (once).")
    ] = False,
    db: DbOption = None,
) -> None:
    """Run the web app (pages and the JSON API under /api/v1) until Ctrl-C."""
    # The web stack is imported here, not at the top: every other command starts faster without it.
    import uvicorn
    from pydantic import ValidationError

    from backcoach.app.demo import DEMO_EMAIL, DEMO_PASSWORD, install_demo
    from backcoach.web import create_app
    from backcoach.web.settings import load_web_settings

    if not 1 <= port <= 65535:
        raise InputError(f"--port: {port} must be from 1 to 65535")
    overrides: dict[str, object] = {"host": host, "port": port}
    if db:
        overrides["database_url"] = db
    try:
        settings = load_web_settings(**overrides)
    except ValidationError as exc:
        err = exc.errors()[0]
        message = str(err["msg"]).removeprefix("Value error, ")
        field = ".".join(str(p) for p in err["loc"])
        raise InputError(f"{field}: {message}" if field else message) from None
    web_app = create_app(settings)  # migrates the database before serving
    if demo:
        from backcoach.cli.progress import progress_bar

        with progress_bar("Adding the demo history") as advance:
            added = install_demo(
                web_app.state.engine, single_user=settings.single_user, now=now(), progress=advance
            )
        who = "the local user" if settings.single_user else "the demo account"
        if added:
            console.print(f"Demo history added for {who}.")
        else:
            console.print(f"{who.capitalize()} already has data: no demo history added.")
        if not settings.single_user:
            console.print(f"Sign in as {DEMO_EMAIL} with the password {DEMO_PASSWORD}")
    shown_host = f"[{host}]" if ":" in host else host
    typer.echo(f"backcoach is running at http://{shown_host}:{port}  (Ctrl-C to stop)")
    uvicorn.run(web_app, host=host, port=port, log_level="warning", proxy_headers=False)

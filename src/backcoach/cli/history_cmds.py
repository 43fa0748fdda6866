"""Training history in and out: import an app's export, correct an exercise mapping, export the
log (Strong, Hevy or neutral CSV, a full JSON backup, the plan as iCalendar), restore a backup.

Each parses its options, calls one use case (``app.history_import``, ``app.history_export``) and
renders the answer; the JSON shapes are the use cases' own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from backcoach.cli.app import JsonFlag, app, console, curated, emit_json, err_console, handles_errors
from backcoach.cli.storage import DbOption, now, unit_of_work
from backcoach.errors import InputError

ImportFormat = Literal["auto", "strong", "hevy", "fitnotes", "fitbod"]
ExportFormat = Literal["strong", "hevy", "csv", "json", "ics", "pdf"]
UnitChoice = Literal["kg", "lb"]


def _readable(path: Path, what: str) -> None:
    if not path.is_file():
        raise InputError(f"{what}: '{str(path)[:120]}' is not a file")


@app.command("import")
@handles_errors
def import_file(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A Strong, Hevy, FitNotes or Fitbod CSV export.")
    ],
    format_: Annotated[
        ImportFormat, typer.Option("--format", help="The app (default: found from the header).")
    ] = "auto",
    unit: Annotated[UnitChoice | None, typer.Option(help="Unit of a file that does not say it.")] = None,
    tz: Annotated[
        str | None, typer.Option(help="Time zone the file's times are in (default: this system's).")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the report; write nothing.")] = False,
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Import your history from another app: backcoach import strong.csv --tz Europe/Berlin"""
    from backcoach.app.history_import import import_history
    from backcoach.cli.progress import progress_bar

    _readable(file, "FILE")
    size = file.stat().st_size
    with (
        file.open("rb") as source,
        progress_bar(f"Importing {file.name[:40]}", json_=json_) as moved,
        unit_of_work(db) as (uow, user),
    ):

        def advance() -> None:  # the bytes read so far, of the file's size
            if not source.closed:
                moved(source.tell(), max(size, 1))

        report = import_history(
            uow,
            catalog=curated(),
            user=user,
            source=source,
            name=file.name,
            now=now(),
            fmt=format_,
            unit=unit,
            tz=tz,
            dry_run=dry_run,
            progress=advance,
        )
    payload = report.to_json()
    if json_:
        emit_json(payload)
        return
    _print_report(payload)


def _print_report(r: dict[str, Any]) -> None:
    verb = "Would import" if r["dry_run"] else "Imported"
    console.print(
        f"{verb} {r['imported']} sets in {r['workouts']} new workouts from a {r['format']} export "
        f"(dialect {r['dialect']}); {r['merged']} rows were already here, {len(r['skipped'])} skipped, "
        f"{r['rows']} rows in all.",
        markup=False,
    )
    console.print(f"Times read in {r['timezone']}.", markup=False)
    if r["unit"]:
        console.print(f"Weights read as {r['unit']} (the file does not say).", markup=False)
    custom = r["exercises"]["custom"]
    console.print(
        f"{r['exercises']['matched']} exercise names matched the catalogue; {len(custom)} became your own:",
        markup=False,
    )
    for c in custom[:20]:
        console.print(f"  {c['name']}  ({c['id']})", markup=False)
    if custom:
        console.print('Map one with: backcoach map-exercise "NAME" EXERCISE_ID', markup=False)
    for s in r["skipped"][:20]:
        console.print(f"  line {s['line']}: skipped: {s['reason']}", markup=False)
    if len(r["skipped"]) > 20:
        console.print(f"  … and {len(r['skipped']) - 20} more (see --json)", markup=False)
    for u in r["unknown"][:20]:
        console.print(f"  line {u['line']}: {u['field']}: {u['reason']}", markup=False)


@app.command("map-exercise")
@handles_errors
def map_exercise(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="The exercise name as the imported file wrote it.")
    ],
    exercise_id: Annotated[str, typer.Argument(metavar="EXERCISE_ID")],
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Say what an imported exercise name means; applied now and to later imports."""
    from backcoach.app.history_import import correct_mapping

    with unit_of_work(db) as (uow, user):
        fixed = correct_mapping(uow, catalog=curated(), user=user, name=name, exercise_id=exercise_id)
    if json_:
        emit_json(fixed.to_json())
        return
    console.print(
        f"'{fixed.name}' now means {fixed.exercise_id}; {fixed.moved} imported sets moved.", markup=False
    )


@app.command("export")
@handles_errors
def export(
    out: Annotated[Path, typer.Argument(metavar="OUT", help="The file to write ('-' for standard output).")],
    format_: Annotated[ExportFormat, typer.Option("--format", help="What to write.")] = "csv",
    tz: Annotated[str | None, typer.Option(help="Calendar time zone (ics; default: this system's).")] = None,
    at: Annotated[str, typer.Option(help="Calendar start time of a session, HH:MM (ics).")] = "18:00",
    alarm: Annotated[int | None, typer.Option(help="A reminder this many minutes before (ics).")] = None,
    db: DbOption = None,
) -> None:
    """Export your log (strong, hevy or neutral csv), a full backup (json) or your plan (ics, or pdf
    to print, with a log sheet)."""
    import sys
    from datetime import datetime, time

    from backcoach.app import history_export

    if str(out) != "-" and (out.is_dir() or not out.parent.is_dir()):
        raise InputError(f"OUT: '{str(out)[:120]}' is not a file in an existing folder")
    with unit_of_work(db, readonly=True) as (uow, user):
        if format_ == "json":
            import json

            from backcoach.app.backup import backup

            text = json.dumps(backup(uow, user=user, now=now()), ensure_ascii=False, indent=1) + "\n"
            if str(out) == "-":
                sys.stdout.write(text)
            else:
                out.write_text(text, encoding="utf-8")
            return
        if format_ == "pdf":
            from backcoach.app.plan_print import print_plan
            from backcoach.web.backmap_print import back_figure

            pdf = print_plan(uow, catalog=curated(), user=user, now=now(), figure=back_figure())
            if str(out) == "-":
                sys.stdout.buffer.write(pdf)
            else:
                out.write_bytes(pdf)
            return
        if format_ == "ics":
            try:
                start = time.fromisoformat(at)
            except ValueError:
                raise InputError(f"--at: {at[:20]!r} is not a time (HH:MM)") from None
            zone = tz or getattr(datetime.now().astimezone().tzinfo, "key", None) or "UTC"
            data = history_export.export_calendar(
                uow, catalog=curated(), user=user, now=now(), zone=zone, start=start, alarm_minutes=alarm
            )
            if str(out) == "-":
                sys.stdout.buffer.write(data)
            else:
                out.write_bytes(data)
            return
        if str(out) == "-":
            history_export.export_log(uow, catalog=curated(), user=user, fmt=format_, out=sys.stdout)
            return
        with out.open("w", encoding="utf-8", newline="") as handle:
            sets = history_export.export_log(uow, catalog=curated(), user=user, fmt=format_, out=handle)
    err_console.print(f"Wrote {sets} sets to {out}.", markup=False)


@app.command("restore")
@handles_errors
def restore(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A backup written by export --format json.")],
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Restore a full backup into an empty database."""
    import json

    from backcoach.app.backup import restore as use_case

    _readable(file, "FILE")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (ValueError, RecursionError, UnicodeDecodeError) as exc:
        raise InputError(f"FILE: {file.name} is not a backup ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise InputError(f"FILE: {file.name} is not a backup")
    with unit_of_work(db) as (uow, user):
        written = use_case(uow, user=user, data=data)
    if json_:
        emit_json(written)
        return
    console.print(f"Restored {sum(written.values())} records ({written.get('sets', 0)} sets).", markup=False)

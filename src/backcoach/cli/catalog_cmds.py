"""Catalogue commands: overview, muscles, muscle, exercises, exercise, equipment, catalog import.

The catalogue is imported inside each command (its models take a while to build), so the CLI
starts without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from backcoach.cli import choices
from backcoach.cli.app import Backcoach, JsonFlag, app, console, curated, emit_json, handles_errors
from backcoach.errors import ImportRejected, InputError

if TYPE_CHECKING:
    from rich.tree import Tree

    from backcoach.catalog import Catalog, Exercise

catalog_app = Backcoach(help="Manage the exercise catalogue (imports).", no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")


def _with_extension() -> Catalog:
    """The curated catalogue with the records imported into your data folder."""
    from backcoach.config import load_settings
    from backcoach.interop.extension_store import catalog_with_extension

    return catalog_with_extension(load_settings())


@app.command()
@handles_errors
def overview() -> None:
    """A tour of the back and the catalogue in the terminal."""
    from rich.panel import Panel
    from rich.table import Table

    from backcoach.catalog import Category

    cat = curated()
    console.print(
        Panel.fit(
            "[b]backcoach[/b] — build a strong upper and lower back, safely.\n"
            "Browse with: backcoach muscles · backcoach exercises --muscle rhomboids · "
            "backcoach exercise pull-up",
            border_style="cyan",
        )
    )
    console.print(_muscle_tree(cat))
    counts = Table(title="Curated exercises by category", show_edge=False)
    counts.add_column("category")
    counts.add_column("exercises", justify="right")
    for category in Category:
        n = sum(1 for e in cat.exercises.values() if e.category is category)
        if n:
            counts.add_row(category.value, str(n))
    console.print(counts)
    console.print(
        "[dim]If anything hurts while you train, stop that exercise; if the discomfort stays, "
        "see a doctor or physiotherapist.[/dim]"
    )


def _muscle_tree(cat: Catalog) -> Tree:
    from rich.tree import Tree

    from backcoach.catalog import Group

    tree = Tree("[b]The back, layer by layer[/b]")
    for group in Group:
        branch = tree.add(f"[cyan]{group.value}[/cyan]")
        for m in cat.roots():
            if m.group is group:
                _add_node(branch, m.id, cat)
    return tree


def _add_node(branch: Tree, muscle_id: str, cat: Catalog) -> None:
    m = cat.muscle(muscle_id)
    node = branch.add(f"{m.name} [dim]({m.id})[/dim]")
    for child in cat.children(m.id):
        _add_node(node, child.id, cat)


@app.command(short_help="The back muscle tree.")
@handles_errors
def muscles(json_: JsonFlag = False) -> None:
    """The back muscle tree (and the supporting muscles the exercises use)."""
    from backcoach.catalog import public

    cat = curated()
    if json_:
        emit_json([public.muscle_summary(m, cat) for m in cat.muscles.values()])
        return
    console.print(_muscle_tree(cat))


@app.command(short_help="One muscle and the exercises that train it.")
@handles_errors
def muscle(muscle_id: Annotated[str, typer.Argument(metavar="ID")], json_: JsonFlag = False) -> None:
    """What one muscle does and the exercises that train it, grouped by role."""
    from rich.panel import Panel
    from rich.table import Table

    from backcoach.catalog import public

    cat = curated()
    m = cat.muscle(muscle_id)
    detail = public.muscle_detail(m, cat)
    if json_:
        emit_json(detail)
        return
    body = [f"[i]{m.latin_name}[/i] · {m.group.value} · {m.region.value}", "", m.description, ""]
    body += [f"• {f}" for f in m.functions]
    if m.training_note:
        body += ["", f"[yellow]{m.training_note}[/yellow]"]
    console.print(Panel("\n".join(body), title=m.name, border_style="cyan"))
    for role, items in detail["exercises"].items():
        if not items:
            continue
        table = Table(title=f"{role} in", show_edge=False)
        table.add_column("exercise")
        table.add_column("id", style="dim")
        table.add_column("weight", justify="right")
        for item in items:
            table.add_row(item["name"], item["id"], f"{item['weight']:.2f}")
        console.print(table)


def _split_ids(raw: str | None) -> frozenset[str] | None:
    if raw is None:
        return None
    ids = frozenset(p.strip() for p in raw.split(",") if p.strip())
    if not ids:
        raise InputError("--equipment needs at least one equipment id")
    return ids


@app.command(short_help="List and filter exercises.")
@handles_errors
def exercises(
    muscle_id: Annotated[
        str | None, typer.Option("--muscle", help="A muscle node id; its parts count too.")
    ] = None,
    region: Annotated[choices.Region | None, typer.Option(help="Exercises targeting this region.")] = None,
    equipment: Annotated[
        str | None, typer.Option(help="Comma-separated equipment you have; only exercises needing no more.")
    ] = None,
    level: Annotated[choices.Level | None, typer.Option(help="Exercises at this level or easier.")] = None,
    setting: Annotated[choices.Setting | None, typer.Option(help="Where you train.")] = None,
    category: Annotated[choices.Category | None, typer.Option(help="The kind of exercise.")] = None,
    source: Annotated[
        Literal["curated", "all"], typer.Option(help="curated, or all to add imported records.")
    ] = "curated",
    json_: JsonFlag = False,
) -> None:
    """List exercises, filtered by muscle, region, equipment, level, setting and source."""
    from rich.table import Table

    from backcoach.catalog import Category, ExerciseQuery, Level, Region, Setting, Source, public

    cat = curated() if source == "curated" else _with_extension()
    found = cat.query(
        ExerciseQuery(
            muscle=muscle_id,
            region=None if region is None else Region(region),
            equipment=_split_ids(equipment),
            level=None if level is None else Level(level),
            setting=None if setting is None else Setting(setting),
            category=None if category is None else Category(category),
            source=Source.CURATED if source == "curated" else None,
        )
    )
    if json_:
        emit_json([public.exercise_summary(e) for e in found])
        return
    table = Table(title=f"{len(found)} exercises", show_edge=False)
    for col in ("id", "name", "category", "level", "equipment", "targets"):
        table.add_column(col)
    for e in found:
        targets = ", ".join(i.muscle for i in e.muscles if i.role.value == "target")
        table.add_row(e.id, e.name, e.category.value, e.level.value, ", ".join(e.equipment), targets)
    console.print(table)


@app.command(short_help="Everything about one exercise.")
@handles_errors
def exercise(
    exercise_id: Annotated[str, typer.Argument(metavar="ID")],
    json_: JsonFlag = False,
) -> None:
    """Everything about one exercise: set-up, numbered steps, cues, mistakes, links."""
    from backcoach.catalog import public

    cat = _with_extension()
    ex = cat.exercise(exercise_id)
    if json_:
        emit_json(public.exercise_detail(ex, cat))
        return
    _print_exercise(ex, cat)


def _print_exercise(ex: Exercise, cat: Catalog) -> None:
    from rich.panel import Panel

    head = f"{ex.category.value} · {ex.level.value} · {', '.join(ex.equipment)} · source: {ex.source.value}"
    console.print(
        Panel(f"{head}\n\n{ex.why or ''}".rstrip(), title=f"{ex.name} ({ex.id})", border_style="cyan")
    )
    if ex.setup:
        lines = [ex.setup.position]
        lines += [f"{k.replace('_deg', '').replace('_', ' ')}: {v}°" for k, v in ex.setup.angles.items()]
        for label, value in (
            ("grip", ex.setup.grip),
            ("grip width", ex.setup.grip_width),
            ("stance", ex.setup.stance),
        ):
            if value:
                lines.append(f"{label}: {value.replace('_', ' ')}")
        if ex.setup.end_point:
            lines.append(f"finish: {ex.setup.end_point}")
        console.print(Panel("\n".join(lines), title="Set-up"))
    if ex.steps:
        console.print("[b]Steps[/b]")
        for n, step in enumerate(ex.steps, 1):
            console.print(f" {n}. {step}")
    if ex.cues:
        console.print("[b]Cues[/b]")
        for cue in ex.cues:
            console.print(f" • {cue}")
    for m in cat.mistakes_of(ex):
        console.print(f"[b red]Mistake:[/b red] {m.title} — {m.fix}")
    if ex.dose:
        side = " per side" if ex.dose.per_side else ""
        tempo = f", tempo {ex.dose.tempo}" if ex.dose.tempo else ""
        console.print(f"[b]Dose[/b]: {ex.dose.range} {ex.dose.kind.replace('_', ' ')}{side}{tempo}")
    for caution in ex.cautions:
        console.print(f"[yellow]Caution:[/yellow] {caution}")
    for label, ids in (
        ("Easier", ex.regressions),
        ("Harder", ex.progressions),
        ("Alternatives", ex.alternatives),
    ):
        if ids:
            console.print(f"[b]{label}[/b]: {', '.join(ids)}")


@app.command("equipment")
@handles_errors
def equipment_list(json_: JsonFlag = False) -> None:
    """The equipment ids exercises and profiles use."""
    cat = curated()
    if json_:
        emit_json(
            [
                {
                    "id": e.id,
                    "name": e.name,
                    "setting": [s.value for s in e.setting],
                    "description": e.description,
                }
                for e in cat.equipment.values()
            ]
        )
        return
    from rich.table import Table

    table = Table(show_edge=False)
    for col in ("id", "name", "setting"):
        table.add_column(col)
    for e in cat.equipment.values():
        table.add_row(e.id, e.name, ", ".join(s.value for s in e.setting))
    console.print(table)


@catalog_app.command("import")
@handles_errors
def import_(
    path: Annotated[Path, typer.Argument(help="A free-exercise-db exercises.json file.")],
    json_: JsonFlag = False,
) -> None:
    """Import free-exercise-db as an extension of the catalogue (curated entries win on duplicates)."""
    from backcoach.app import catalog_import
    from backcoach.cli.storage import now
    from backcoach.config import load_settings

    try:
        report = catalog_import.import_free_exercise_db(
            path, settings=load_settings(), catalog=curated(), now=now()
        )
    except ImportRejected as exc:
        if json_:
            emit_json(catalog_import.rejected_to_json(exc))
        raise
    if json_:
        emit_json(report.to_json())
        return
    console.print(
        f"Imported {report.records} records from {path}: {report.added} added, "
        f"{report.merged_duplicates} merged as duplicates of curated exercises, 0 rejected.",
        markup=False,
        highlight=False,
    )

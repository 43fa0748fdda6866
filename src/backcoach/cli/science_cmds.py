"""Training-science commands: e1rm, load, warmup.

Thin shells over ``backcoach.science``: parse, convert the unit to kg, call the pure function,
convert back and render. Numbers in JSON are rounded to 2 decimals (percentages to 1).
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from backcoach.cli import choices
from backcoach.cli.app import NEGATIVE_ARGS, JsonFlag, app, console, curated, emit_json, handles_errors
from backcoach.errors import InputError

UnitOption = Annotated[str, typer.Option("--unit", help="Unit of every load, in and out: kg or lb.")]


def _unit(raw: str) -> choices.Unit:
    for unit in ("kg", "lb"):
        if raw.strip().lower() == unit:
            return unit
    shown = raw if len(raw) <= 20 else raw[:17] + "..."
    raise InputError(f"--unit must be kg or lb, got '{shown}'")


def _mass(value: float) -> float:
    return round(value, 2) + 0.0


def _load(value: float, unit: str, what: str) -> float:
    """A load as typed, refused when it is not a finite number or beyond any lift: the log's own
    ceiling (``sessions.records.MAX_LOAD_KG``). Negative loads are the science core's to refuse."""
    import math

    from backcoach.science.units import from_kg, to_kg
    from backcoach.sessions.records import MAX_LOAD_KG

    if not math.isfinite(value):
        raise InputError(f"{what}: {value} must be a finite number")
    if to_kg(value, unit) > MAX_LOAD_KG:
        ceiling = round(from_kg(MAX_LOAD_KG, unit))
        raise InputError(f"{what}: {value:g} {unit} is past any lift (at most {ceiling} {unit})")
    return value


@app.command(context_settings=NEGATIVE_ARGS, short_help="Estimate a one-rep max from a set.")
@handles_errors
def e1rm(
    load: Annotated[float, typer.Argument(metavar="LOAD", help="Load lifted.")],
    reps: Annotated[int, typer.Argument(metavar="REPS", help="Reps done to failure (1-30).")],
    unit: UnitOption = "kg",
    json_: JsonFlag = False,
) -> None:
    """Estimate a one-rep max from a set to failure with seven published formulas."""
    from backcoach.science import DEFAULT_FORMULA, estimate_all

    u = _unit(unit)
    estimates = estimate_all(_load(load, u, "LOAD"), reps)
    default = estimates[DEFAULT_FORMULA]
    if json_:
        emit_json(
            {
                "unit": u,
                "load": _mass(load),
                "reps": reps,
                "estimates": {name: _mass(e.value) for name, e in estimates.items()},
                "default": _mass(default.value),
                "default_formula": DEFAULT_FORMULA,
                "reliable": default.reliable,
            }
        )
        return
    from rich.table import Table

    table = Table(title=f"Estimated 1RM from {load:g} {u} × {reps}", show_edge=False)
    table.add_column("formula")
    table.add_column(f"1RM ({u})", justify="right")
    for name, estimate in estimates.items():
        label = f"[b]{name}[/b] (default)" if name == DEFAULT_FORMULA else name
        table.add_row(label, f"{estimate.value:.1f}")
    console.print(table)
    if not default.reliable:
        console.print(
            "[yellow]Above about 12 reps these formulas are rough guesses; use them loosely.[/yellow]"
        )


@app.command(short_help="The load for a set at an RPE or RIR.")
@handles_errors
def load(
    e1rm: Annotated[float, typer.Option("--e1rm", help="Estimated 1RM.")],
    reps: Annotated[int, typer.Option("--reps", help="Reps planned for the set.")],
    rpe: Annotated[float | None, typer.Option("--rpe", help="Target RPE (6.5-10 on the chart).")] = None,
    rir: Annotated[float | None, typer.Option("--rir", help="Target reps in reserve.")] = None,
    equipment: Annotated[
        str | None,
        typer.Option("--equipment", help="Round down to typical equipment: barbell, dumbbells, stack, ..."),
    ] = None,
    unit: UnitOption = "kg",
    json_: JsonFlag = False,
) -> None:
    """The load for a set of REPS at an RPE or RIR, from an estimated 1RM (RTS chart)."""
    from backcoach.science import effort_as_rir, from_kg, preset_loadable, suggest_load, to_kg

    u = _unit(unit)
    if (rpe is None) == (rir is None):
        raise InputError("give exactly one of --rpe or --rir")
    loadable = preset_loadable(equipment, u) if equipment is not None else None
    suggestion = suggest_load(to_kg(_load(e1rm, u, "--e1rm"), u), reps, rpe=rpe, rir=rir, loadable=loadable)
    reserve = effort_as_rir(rpe=rpe, rir=rir)
    if json_:
        emit_json(
            {
                "percent_1rm": round(suggestion.percent_1rm, 1),
                "load": _mass(from_kg(suggestion.load, u)),
                "unit": u,
                "exact_load": _mass(from_kg(suggestion.exact_load, u)),
                "extrapolated": suggestion.extrapolated,
                "e1rm": _mass(e1rm),
                "reps": reps,
                "rir": reserve,
                "rpe": 10 - reserve,
                "equipment": equipment,
            }
        )
        return
    console.print(
        f"[b]{from_kg(suggestion.load, u):.1f} {u}[/b] for {reps} reps at RPE {10 - reserve:g} "
        f"({reserve:g} in reserve): {suggestion.percent_1rm:.1f} % of {e1rm:g} {u}"
    )
    if suggestion.extrapolated:
        console.print(
            "[yellow]Outside the published RPE chart: an extrapolated estimate, start light.[/yellow]"
        )


# The plan's main lifts keep 2 reps in reserve under every goal but one (planning/data/
# prescriptions.yaml), so the command's ramp matches theirs unless told otherwise.
DEFAULT_WARMUP_RIR = 2


@app.command()
@handles_errors
def warmup(
    exercise_id: Annotated[str, typer.Argument(metavar="EXERCISE_ID")],
    working: Annotated[
        float | None, typer.Option("--working", help="First working load (needed for loaded lifts).")
    ] = None,
    reps: Annotated[int, typer.Option("--reps", help="Reps of the first working set.")] = 8,
    rir: Annotated[
        int, typer.Option("--rir", help="Reps in reserve on the first working set (0 = to failure).")
    ] = DEFAULT_WARMUP_RIR,
    level: Annotated[
        choices.Level,
        typer.Option("--level", help="Your training level: a beginner gets one ramp set at most."),
    ] = "intermediate",
    unit: UnitOption = "kg",
    json_: JsonFlag = False,
) -> None:
    """Ramp-up sets before the first working set of an exercise, as your plan prescribes them."""
    from backcoach.catalog import Level
    from backcoach.science import from_kg, preset_loadable, ramp_for, to_kg, typical_preset

    u = _unit(unit)
    if rir < 0:
        raise InputError(f"--rir must be 0 or more, got {rir}")
    if reps < 1:
        raise InputError(f"--reps must be at least 1, got {reps}")
    exercise = curated().exercise(exercise_id)
    preset = typical_preset(exercise)
    loadable = preset_loadable(preset, u) if preset is not None else None
    working_kg = to_kg(_load(working, u, "--working"), u) if working is not None else None
    sets = ramp_for(
        exercise,
        working_reps=reps,
        working_kg=working_kg,
        loadable=loadable,
        rir=rir,
        level=Level(level),
    )
    rows: list[dict[str, Any]] = [
        {
            "load": _mass(from_kg(s.load_kg, u)) if s.load_kg is not None else None,
            "reps": s.reps,
            "percent": s.percent,
            "exercise_id": s.exercise_id,
            "note": s.note,
        }
        for s in sets
    ]
    if json_:
        emit_json(
            {
                "exercise_id": exercise.id,
                "name": exercise.name,
                "unit": u,
                "working": {
                    "load": _mass(working) if working is not None else None,
                    "reps": reps,
                    "rir": rir,
                },
                "level": level,
                "equipment": preset,
                "sets": rows,
            }
        )
        return
    target = f"{working:g} {u} × {reps}" if working is not None else f"{reps} reps"
    title = f"Warm-up for {exercise.name} → {target}, {rir} in reserve"
    if not rows:
        console.print(f"{title}: no ramp sets needed; the general warm-up is enough.")
        return
    from rich.table import Table

    table = Table(title=title, show_edge=False)
    for column in ("set", "exercise", f"load ({u})", "reps", "% of working", "note"):
        table.add_column(column, justify="right" if column in {"set", "reps"} else "left", overflow="fold")
    for index, row in enumerate(rows, start=1):
        load_text = f"{row['load']:g}" if row["load"] is not None else "body weight"
        percent = f"{row['percent']:g} %" if row["percent"] is not None else "-"
        table.add_row(str(index), row["exercise_id"], load_text, str(row["reps"]), percent, row["note"])
    console.print(table)
    if preset is not None:
        console.print(f"[dim]Loads rounded down to a typical {preset} in {u}.[/dim]")

"""Safety commands: ``screen`` (PAR-Q+ and back red flags) and ``pain`` (what to do about pain now).

A thin shell over ``backcoach.safety``: it reads files and prompts, calls the pure core and renders
the decision as text or JSON. The decisions themselves, and their sources, live in the core.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from backcoach.catalog import Catalog, Exercise, curated
from backcoach.cli.app import JsonFlag, app, console, emit_json, handles_errors
from backcoach.errors import InputError
from backcoach.safety import (
    BodyRegion,
    Outcome,
    PainAction,
    PainDecision,
    PainReport,
    QuestionKind,
    ScreeningDecision,
    Severity,
    assess_pain,
    is_relevant,
    parse_answers,
    questions,
    screen,
)

_OUTCOME_STYLE = {
    Outcome.CLEARED: "green",
    Outcome.START_GENTLY: "yellow",
    Outcome.SEE_PROFESSIONAL: "red",
    Outcome.EMERGENCY: "bold white on red",
}
_ACTION_STYLE = {
    PainAction.STOP_EXERCISE: "yellow",
    PainAction.END_SESSION: "red",
    PainAction.SEEK_CARE: "red",
    PainAction.EMERGENCY: "bold white on red",
}


# ---------------------------------------------------------------------- screen


@app.command("screen")
@handles_errors
def screen_cmd(
    list_questions: Annotated[
        bool, typer.Option("--questions", help="List the screening questions instead of asking them.")
    ] = False,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Read answers from a JSON object of question id to true/false (unanswered = no).",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Health screening before training (PAR-Q+ and back-pain warning signs)."""
    if list_questions and answers is not None:
        raise InputError("use either --questions or --answers, not both")
    if list_questions:
        _show_questions(as_json)
        return
    given = _read_answers(answers) if answers is not None else _ask(prompts_to_stderr=as_json)
    if answers is None:
        typer.echo("", err=as_json)  # a blank line between the last prompt and the outcome
    decision = screen(given)
    if as_json:
        emit_json(_screening_json(decision))
    else:
        _show_screening(decision)


def _show_questions(as_json: bool) -> None:
    if as_json:
        emit_json(
            [
                {"id": q.id, "text": q.text, "kind": q.kind.value}
                | ({"severity": q.severity.value} if q.severity is not None else {})
                for q in questions()
            ]
        )
        return
    table = Table(title="Screening questions", show_lines=False)
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("kind")
    table.add_column("question")
    for q in questions():
        kind = q.kind.value + (f" ({q.severity.value})" if q.severity is not None else "")
        if q.applies_when:
            kind += f"\nasked if yes to {', '.join(q.applies_when)}"
        table.add_row(q.id, kind, escape(q.text))
    console.print(table)


def _read_answers(path: Path) -> dict[str, bool]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise InputError(f"cannot read answers file '{path}': {why}") from None
    try:
        raw: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"answers file '{path}' is not valid JSON: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(raw, dict):
        raise InputError(f"answers file '{path}' must hold a JSON object of question id to true/false")
    return parse_answers(raw)


def _ask(*, prompts_to_stderr: bool) -> dict[str, bool]:
    """Ask every relevant question; stop at once on a sign that needs emergency care."""
    given: dict[str, bool] = {}
    heading = None
    headings = {
        QuestionKind.PARQ: "General health (PAR-Q+)",
        QuestionKind.CONTEXT: "A little more about you",
        QuestionKind.REDFLAG: "Warning signs with back pain",
    }
    for q in questions():
        if not is_relevant(q, given):
            continue
        title = headings.get(q.kind, heading)
        if title is not None and title != heading:
            typer.echo(f"\n{title}", err=prompts_to_stderr)
            heading = title
        given[q.id] = typer.confirm(q.text, default=False, err=prompts_to_stderr)
        if given[q.id] and q.severity is Severity.EMERGENCY:
            break
    return given


def _screening_json(decision: ScreeningDecision) -> dict[str, Any]:
    return {
        "outcome": decision.outcome.value,
        "headline": decision.headline,
        "reasons": list(decision.reasons),
        "advice": list(decision.advice),
        "triggered": list(decision.triggered),
        "sources": list(decision.sources),
        "valid_months": decision.valid_months,
    }


def _show_screening(decision: ScreeningDecision) -> None:
    style = _OUTCOME_STYLE[decision.outcome]
    lines = [f"[{style}]{escape(decision.headline)}[/]", ""]
    lines += [f"• {escape(r)}" for r in decision.reasons]
    if decision.advice:
        lines += ["", *(escape(a) for a in decision.advice)]
    title = decision.outcome.value.replace("_", " ")
    console.print(Panel("\n".join(lines), title=f"Screening: {title}", border_style=style))


# ---------------------------------------------------------------------- pain


@app.command("pain")
@handles_errors
def pain_cmd(
    location: Annotated[
        str,
        typer.Option(
            "--location",
            help=f"Where it hurts: a muscle id or one of {', '.join(r.value for r in BodyRegion)}.",
        ),
    ],
    severity: Annotated[int, typer.Option("--severity", help="How bad, from 0 (none) to 10 (worst).")],
    sharp: Annotated[bool, typer.Option("--sharp", help="The pain is sharp or stabbing.")] = False,
    radiating: Annotated[
        bool, typer.Option("--radiating", help="The pain spreads, e.g. down an arm or a leg.")
    ] = False,
    numbness: Annotated[bool, typer.Option("--numbness", help="Numbness or pins and needles.")] = False,
    saddle_numbness: Annotated[
        bool, typer.Option("--saddle-numbness", help="Numbness around the bottom, genitals or inner thighs.")
    ] = False,
    bladder_bowel: Annotated[
        bool, typer.Option("--bladder-bowel", help="A new change in bladder or bowel control.")
    ] = False,
    leg_weakness: Annotated[
        bool, typer.Option("--leg-weakness", help="Legs badly weak or getting weaker.")
    ] = False,
    both_legs: Annotated[bool, typer.Option("--both-legs", help="Symptoms in both legs.")] = False,
    exercise: Annotated[
        str | None, typer.Option("--exercise", metavar="ID", help="The exercise you were doing.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """What to do about pain during training, now. Every answer starts with stopping."""
    report = PainReport(
        location=location,
        severity=severity,
        sharp=sharp,
        radiating=radiating,
        numbness=numbness,
        saddle_numbness=saddle_numbness,
        bladder_or_bowel_change=bladder_bowel,
        leg_weakness=leg_weakness,
        both_legs=both_legs,
    )
    is_region = location.strip().lower().replace("-", "_") in {r.value for r in BodyRegion}
    catalog: Catalog | None = None if is_region and exercise is None else curated()
    current: Exercise | None = catalog.exercise(exercise) if catalog is not None and exercise else None
    decision = assess_pain(report, exercise=current, catalog=catalog)
    if as_json:
        emit_json(
            {
                "action": decision.action.value,
                "headline": decision.headline,
                "reasons": list(decision.reasons),
                "substitute": decision.substitute,
                "sources": list(decision.sources),
                "rules": list(decision.rules),
            }
        )
    else:
        _show_pain(decision, catalog)


def _show_pain(decision: PainDecision, catalog: Catalog | None) -> None:
    style = _ACTION_STYLE[decision.action]
    lines = [f"[{style}]{escape(decision.headline)}[/]", ""]
    lines += [f"• {escape(r)}" for r in decision.reasons]
    if decision.substitute is not None:
        name = catalog.exercises[decision.substitute].name if catalog is not None else decision.substitute
        lines += ["", f"If you carry on today, switch to: [bold]{escape(name)}[/] ({decision.substitute})"]
    title = decision.action.value.replace("_", " ")
    console.print(Panel("\n".join(lines), title=f"Pain: {title}", border_style=style))

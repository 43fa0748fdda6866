"""Safety commands: ``screen`` (PAR-Q+ and back red flags) and ``pain`` (what to do about pain now).

A thin shell over the use cases ``app.screening`` and ``app.pain``: it reads files and prompts,
calls the use case, which decides (in the safety core), stores the result and, for serious pain,
holds the plan; then it renders the decision as text or JSON. ``screen --questions`` only lists
the questions and opens no database.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from backcoach.cli.app import JsonFlag, app, console, curated, emit_json, handles_errors
from backcoach.cli.choices import BODY_REGIONS
from backcoach.cli.storage import DbOption, now, unit_of_work
from backcoach.errors import InputError

if TYPE_CHECKING:
    from backcoach.catalog import Catalog
    from backcoach.safety import PainDecision, ScreeningDecision

_OUTCOME_STYLE = {
    "cleared": "green",
    "start_gently": "yellow",
    "see_professional": "red",
    "emergency": "bold white on red",
}
_ACTION_STYLE = {
    "stop_exercise": "yellow",
    "end_session": "red",
    "seek_care": "red",
    "emergency": "bold white on red",
}


# ---------------------------------------------------------------------- screen


@app.command("screen", short_help="Answer the safety questions before training.")
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
    db: DbOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Health screening before training (PAR-Q+ and back-pain warning signs); the result is kept."""
    if list_questions and answers is not None:
        raise InputError("use either --questions or --answers, not both")
    if list_questions:
        _show_questions(as_json)
        return
    from backcoach.app import screening as use_case

    given = _read_answers(answers) if answers is not None else _ask(prompts_to_stderr=as_json)
    if answers is None:
        typer.echo("", err=as_json)  # a blank line between the last prompt and the outcome
    with unit_of_work(db) as (uow, user):
        decision = use_case.take(uow, user=user, answers=given, now=now())
    if as_json:
        emit_json(use_case.to_json(decision))
    else:
        _show_screening(decision)


def _show_questions(as_json: bool) -> None:
    from backcoach.safety import questions

    if as_json:
        emit_json(
            [
                {"id": q.id, "text": q.text, "kind": q.kind.value}
                | ({"severity": q.severity.value} if q.severity is not None else {})
                for q in questions()
            ]
        )
        return
    from rich.markup import escape
    from rich.table import Table

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
    from backcoach.safety import parse_answers

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise InputError(f"cannot read answers file '{_shown(path)}': {why}") from None
    try:
        raw: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"answers file '{_shown(path)}' is not valid JSON: {exc.msg} at line {exc.lineno}"
        ) from None
    except RecursionError:
        raise InputError(f"answers file '{_shown(path)}' is nested too deeply to be answers") from None
    if not isinstance(raw, dict):
        raise InputError(
            f"answers file '{_shown(path)}' must hold a JSON object of question id to true/false"
        )
    for key, value in raw.items():
        if isinstance(value, list | dict):  # never echo a nested structure back
            raise InputError(
                f"answer for '{str(key)[:40]}' must be true or false, not a {type(value).__name__}"
            )
    return parse_answers(raw)


def _shown(path: Path) -> str:
    text = str(path)
    return text if len(text) <= 80 else text[:77] + "..."


def _ask(*, prompts_to_stderr: bool) -> dict[str, bool]:
    """Ask every relevant question; stop at once on a sign that needs emergency care."""
    from backcoach.safety import QuestionKind, Severity, is_relevant, questions

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


def _show_screening(decision: ScreeningDecision) -> None:
    from rich.markup import escape
    from rich.panel import Panel

    style = _OUTCOME_STYLE[decision.outcome.value]
    lines = [f"[{style}]{escape(decision.headline)}[/]", ""]
    lines += [f"• {escape(r)}" for r in decision.reasons]
    if decision.advice:
        lines += ["", *(escape(a) for a in decision.advice)]
    title = decision.outcome.value.replace("_", " ")
    console.print(Panel("\n".join(lines), title=f"Screening: {title}", border_style=style))


# ---------------------------------------------------------------------- pain


@app.command("pain", short_help="Report pain and learn what to do now.")
@handles_errors
def pain_cmd(
    location: Annotated[
        str,
        typer.Option("--location", help=f"Where it hurts: a muscle id or one of {', '.join(BODY_REGIONS)}."),
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
    both_legs: Annotated[bool, typer.Option("--both-legs", help="Pain or numbness in both legs.")] = False,
    exercise: Annotated[
        str | None, typer.Option("--exercise", metavar="ID", help="The exercise you were doing.")
    ] = None,
    db: DbOption = None,
    as_json: JsonFlag = False,
) -> None:
    """What to do about pain during training, now. Every answer starts with stopping.

    The report is kept in your log; pain that needs a professional holds training until you
    answer the safety questions again."""
    from backcoach.app import pain as use_case
    from backcoach.safety import PainReport

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
    cat = curated()
    with unit_of_work(db) as (uow, user):
        decision = use_case.report(uow, catalog=cat, user=user, pain=report, exercise_id=exercise, now=now())
    if as_json:
        emit_json(use_case.to_json(decision, cat))
    else:
        _show_pain(decision, cat)


def _show_pain(decision: PainDecision, catalog: Catalog) -> None:
    from rich.markup import escape
    from rich.panel import Panel

    style = _ACTION_STYLE[decision.action.value]
    lines = [f"[{style}]{escape(decision.headline)}[/]", ""]
    lines += [f"• {escape(r)}" for r in decision.reasons]
    if decision.substitute is not None:
        name = catalog.exercises[decision.substitute].name
        lines += ["", f"If you carry on today, switch to: [bold]{escape(name)}[/] ({decision.substitute})"]
    title = decision.action.value.replace("_", " ")
    console.print(Panel("\n".join(lines), title=f"Pain: {title}", border_style=style))

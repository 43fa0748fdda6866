"""``backcoach serve``: builds the app on the given database, adds the demo once, prints the URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backcoach.cli import app
from backcoach.store import default_user, make_engine, session_scope, workouts

runner = CliRunner()


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """uvicorn.run replaced by a recorder: the command returns instead of serving forever."""
    import uvicorn

    calls: list[dict[str, Any]] = []

    def fake_run(app: object, **kwargs: Any) -> None:
        calls.append({"app": app, **kwargs})

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return calls


def test_serve_prints_the_url_and_runs_the_app(tmp_path: Path, served: list[dict[str, Any]]) -> None:
    db = f"sqlite:///{tmp_path / 'serve.db'}"
    result = runner.invoke(app, ["serve", "--port", "8123", "--db", db])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123" in result.output
    (call,) = served
    assert (call["host"], call["port"]) == ("127.0.0.1", 8123)
    assert str(call["app"].state.engine.url) == db  # migrated on that database


def test_serve_demo_adds_the_history_once(tmp_path: Path, served: list[dict[str, Any]]) -> None:
    db = f"sqlite:///{tmp_path / 'serve.db'}"
    first = runner.invoke(app, ["serve", "--demo", "--db", db])
    second = runner.invoke(app, ["serve", "--demo", "--db", db])
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    assert "Demo history added" in first.output
    assert "no demo history added" in second.output
    engine = make_engine(db)
    with session_scope(engine) as s:
        assert len(workouts(s, user_id=default_user(s).id)) > 10
    engine.dispose()


def test_serve_refuses_a_port_out_of_range(served: list[dict[str, Any]]) -> None:
    result = runner.invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code != 0
    assert "--port" in result.output
    assert served == []


def test_serve_demo_in_multi_user_mode_names_the_demo_account(
    tmp_path: Path, served: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACKCOACH_SINGLE_USER", "false")
    monkeypatch.setenv("BACKCOACH_SECRET_KEY", "serve-test-secret-0123456789-abcdefghij")
    result = runner.invoke(app, ["serve", "--demo", "--db", f"sqlite:///{tmp_path / 'multi.db'}"])
    assert result.exit_code == 0, result.output
    assert "Sign in as demo@example.com" in result.output


def test_serve_refuses_unsafe_settings_in_one_line(
    served: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACKCOACH_ENVIRONMENT", "production")
    monkeypatch.delenv("BACKCOACH_SECRET_KEY", raising=False)
    result = runner.invoke(app, ["serve"])
    assert result.exit_code != 0
    assert "SECRET_KEY" in result.output
    assert "Traceback" not in result.output
    assert served == []

"""The settings refuse to start multi-user mode (or production) without a real secret, in one
line, in any environment; single-user local mode starts with no setting on a secret of its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from web_helpers import API, TEST_SECRET

from backcoach.errors import InputError
from backcoach.web import create_app
from backcoach.web.settings import DEV_SECRET, MIN_SECRET_LENGTH, WebSettings, load_web_settings

GOOD = "k" * MIN_SECRET_LENGTH


@pytest.fixture(autouse=True)
def no_backcoach_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what a test sets counts: none of the machine's BACKCOACH_ variables."""
    for name in ("SECRET_KEY", "SINGLE_USER", "ENVIRONMENT", "DATABASE_URL"):
        monkeypatch.delenv(f"BACKCOACH_{name}", raising=False)


@pytest.mark.parametrize(
    ("single_user", "environment", "secret"),
    [
        (False, "development", None),  # multi-user mode, nothing set
        (False, "test", None),
        (False, "production", None),
        (False, "development", DEV_SECRET),  # the old public default
        (False, "development", "k" * (MIN_SECRET_LENGTH - 1)),
        (False, "development", ""),
        (True, "production", None),  # production always needs one
        (True, "development", DEV_SECRET),  # a secret that is set must be a real one, in any mode
        (True, "development", "short"),
    ],
)
def test_an_unsafe_secret_is_refused_in_one_line(
    single_user: bool, environment: str, secret: str | None
) -> None:
    given: dict[str, Any] = {"single_user": single_user, "environment": environment}
    if secret is not None:
        given["secret_key"] = secret
    with pytest.raises(InputError) as refused:
        load_web_settings(**given)
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith("BACKCOACH_SECRET_KEY must be set to a random string of at least 32")


@pytest.mark.parametrize(
    ("single_user", "environment", "secret"),
    [
        (False, "development", GOOD),
        (False, "production", GOOD),
        (True, "production", GOOD),
        (True, "development", None),  # local mode: no setting needed
        (True, "test", None),
    ],
)
def test_a_safe_configuration_starts(single_user: bool, environment: str, secret: str | None) -> None:
    given: dict[str, Any] = {"single_user": single_user, "environment": environment}
    if secret is not None:
        given["secret_key"] = secret
    settings = load_web_settings(**given)
    assert len(settings.secret_key.get_secret_value()) >= MIN_SECRET_LENGTH


def test_multi_user_mode_from_the_environment_without_a_secret_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BACKCOACH_SINGLE_USER", "false")
    with pytest.raises(InputError, match="BACKCOACH_SECRET_KEY"):
        load_web_settings()
    monkeypatch.setenv("BACKCOACH_SECRET_KEY", DEV_SECRET)
    with pytest.raises(InputError, match="BACKCOACH_SECRET_KEY"):
        load_web_settings()
    monkeypatch.setenv("BACKCOACH_SECRET_KEY", GOOD)
    assert load_web_settings().single_user is False


def test_serve_refuses_multi_user_mode_without_a_secret_in_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import uvicorn

    from backcoach.cli import app

    served: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: served.append(args))
    monkeypatch.setenv("BACKCOACH_SINGLE_USER", "false")
    result = CliRunner().invoke(app, ["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "BACKCOACH_SECRET_KEY" in lines[0], result.output
    assert "Traceback" not in result.output
    assert served == []


def test_single_user_mode_draws_its_own_random_secret_each_start() -> None:
    first, second = load_web_settings(), load_web_settings()
    secrets = {first.secret_key.get_secret_value(), second.secret_key.get_secret_value()}
    assert len(secrets) == 2
    assert DEV_SECRET not in secrets
    assert all(len(s) >= MIN_SECRET_LENGTH for s in secrets)


def test_single_user_mode_with_no_setting_serves_pages_and_forms(tmp_path: Path) -> None:
    app = create_app(load_web_settings(database_url=f"sqlite:///{tmp_path / 'local.db'}"))
    with TestClient(app) as client:
        token = client.get(f"{API}/auth/csrf").json()["csrf_token"]
        assert client.get(f"{API}/auth/me").json()["name"] == "local"
        saved = client.put(f"{API}/profile", json={"minutes": 30}, headers={"X-CSRF-Token": token})
        assert saved.status_code not in (401, 403), saved.text
    app.state.engine.dispose()


def test_a_cookie_from_another_start_is_no_session_in_single_user_mode(tmp_path: Path) -> None:
    """A restart draws a new secret: an old cookie's CSRF token no longer counts (reload once)."""
    url = f"sqlite:///{tmp_path / 'local.db'}"
    before = create_app(load_web_settings(database_url=url))
    after = create_app(load_web_settings(database_url=url))
    with TestClient(before) as old:
        token = old.get(f"{API}/auth/csrf").json()["csrf_token"]
        cookies = dict(old.cookies)
    with TestClient(after, cookies=cookies) as new:
        response = new.put(f"{API}/profile", json={"minutes": 30}, headers={"X-CSRF-Token": token})
        assert response.status_code == 403
        assert "reload the page" in response.json()["errors"][0]["message"]
    before.state.engine.dispose()
    after.state.engine.dispose()


def test_the_secret_stays_out_of_the_settings_repr() -> None:
    settings = load_web_settings(single_user=False, secret_key=TEST_SECRET)
    assert TEST_SECRET not in repr(settings)
    assert TEST_SECRET not in str(settings.model_dump())


def test_settings_are_built_by_a_function_not_at_import() -> None:
    assert isinstance(load_web_settings(), WebSettings)
    with pytest.raises(Exception, match="frozen"):
        load_web_settings().single_user = False  # type: ignore[misc]

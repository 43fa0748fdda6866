"""``backcoach worker`` refuses plainly what it cannot do (the killed-worker test runs it for real)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from backcoach.cli import app
from backcoach.errors import InputError
from backcoach.jobs.settings import job_settings

runner = CliRunner()


def test_without_a_redis_url_the_worker_says_so_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BACKCOACH_REDIS_URL", raising=False)
    result = runner.invoke(app, ["worker", "--db", f"sqlite:///{tmp_path / 'w.db'}"])
    assert result.exit_code == 2
    assert "BACKCOACH_REDIS_URL is not set" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_a_bad_thread_count_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKCOACH_REDIS_URL", "redis://127.0.0.1:6379/0")
    result = runner.invoke(app, ["worker", "--threads", "0", "--db", f"sqlite:///{tmp_path / 'w.db'}"])
    assert result.exit_code == 2
    assert "--threads" in result.output


def test_the_queue_settings_are_read_and_checked() -> None:
    settings = job_settings({"BACKCOACH_REDIS_URL": " redis://h:1/0 ", "BACKCOACH_JOB_HEARTBEAT_S": "2"})
    assert (settings.redis_url, settings.heartbeat_s, settings.worker_timeout_ms) == (
        "redis://h:1/0",
        2.0,
        250,
    )
    assert job_settings({}).redis_url is None and job_settings({}).worker_timeout_ms == 1000
    with pytest.raises(InputError, match="BACKCOACH_JOB_HEARTBEAT_S"):
        job_settings({"BACKCOACH_JOB_HEARTBEAT_S": "soon"})

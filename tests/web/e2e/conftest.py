"""Browser fixtures: the real app served by uvicorn, and Debian's chromium driven by Playwright.

The app runs in a background thread on a free 127.0.0.1 port with a temporary SQLite database
(single-user mode, so no sign-in). The browser is ``/usr/bin/chromium`` (installed by ``make test``,
never downloaded); where it is missing the tests skip and say why, except when
``BACKCOACH_E2E_REQUIRED`` is set (CI), where they fail. Each test gets a phone-sized context
(390 × 844, touch). Screenshots go to ``tests/web/e2e/artifacts/`` or ``$BACKCOACH_SCREENSHOTS``.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("BACKCOACH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}  # an iPhone 12-sized viewport
ARTIFACTS = Path(os.environ.get("BACKCOACH_SCREENSHOTS") or Path(__file__).parent / "artifacts")
TIMEOUT_MS = 30_000  # generous: CI shares two cores with the rest of the suite
START_TIMEOUT_S = 20.0


def _missing_browser() -> str | None:
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing: `make test` installs Debian's chromium (as root)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed: pip install -e '.[dev]'"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    reason = _missing_browser()
    if reason is not None:
        if os.environ.get("BACKCOACH_E2E_REQUIRED"):
            pytest.fail(f"browser tests required here, but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@dataclass(frozen=True)
class Served:
    url: str
    database_url: str


def _listening_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The real app on a fresh SQLite database, served by uvicorn in a background thread."""
    import uvicorn

    from backcoach.web import create_app
    from backcoach.web.settings import load_web_settings

    folder = tmp_path_factory.mktemp("e2e")
    database_url = f"sqlite:///{folder / 'e2e.db'}"
    settings = load_web_settings(
        environment="test",
        database_url=database_url,
        single_user=True,
        secret_key="e2e-test-secret-0123456789abcdefghijklmnop",
    )
    app = create_app(settings)
    sock = _listening_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", ws="none", lifespan="off", access_log=False)
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not uv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    try:
        yield Served(f"http://127.0.0.1:{port}", database_url)
    finally:
        uv.should_exit = True
        thread.join(timeout=10)
        sock.close()
        app.state.engine.dispose()


@pytest.fixture
def page(browser: Any, server: Served) -> Iterator[Any]:
    """A phone-sized page in a fresh context (its own cookies)."""
    context = browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        base_url=server.url,
        locale="en-GB",
    )
    context.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    opened = context.new_page()
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield opened
    finally:
        context.close()
    assert errors == [], f"JavaScript errors in the page: {errors}"


@pytest.fixture(scope="session")
def screenshots() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


UNLABELLED_JS = """
() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(el => !['hidden', 'submit', 'button', 'reset', 'image'].includes((el.type || '').toLowerCase()))
  .filter(el => {
    if ((el.getAttribute('aria-label') || '').trim()) return false;
    const by = el.getAttribute('aria-labelledby');
    const named = id => (document.getElementById(id)?.textContent || '').trim();
    if (by && by.split(/\\s+/).some(named)) return false;
    if (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`)) return false;
    if (el.closest('label')) return false;
    return true;
  })
  .map(el => el.outerHTML.slice(0, 160))
"""


@pytest.fixture
def unlabelled() -> Any:
    """A function listing a page's form fields that have no label (label[for], a wrapping label,
    aria-label or aria-labelledby): a basic accessibility check."""

    def check(page: Any) -> list[str]:
        found: list[str] = page.evaluate(UNLABELLED_JS)
        return found

    return check

"""The web app in a process of its own, and a bare HTTP/1.1 client to drive it.

Shared by the web benchmark (``web_bench``) and the durability tests (``tests/web/durability``):
both need the real server (uvicorn in its own process, as a person runs it), started on a free
port and known to be ready, and a client that costs the server's machine almost nothing and shows
exactly what went over the wire (a status, the headers, the body bytes).

    free_port()                 a free TCP port on 127.0.0.1
    ServerProcess(command, env) start() waits for /healthz; kill() is SIGKILL; stop() is a
                                clean end; its output goes to a file, read back by ``log()``
    serve_command(port, db)     ``backcoach serve`` on 127.0.0.1:port over the database ``db``
    http_request(...)           one HTTP/1.1 request as bytes
    read_response(reader)       one HTTP/1.1 response from an asyncio stream, as an ``Answer``
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO

HOST = "127.0.0.1"
START_TIMEOUT_S = 60.0  # imports and migrations take seconds; a busy two-core machine, many more
STOP_TIMEOUT_S = 10.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def serve_command(port: int, database_url: str) -> list[str]:
    """``backcoach serve`` (the command a person runs) on ``HOST:port`` over ``database_url``."""
    return [
        sys.executable, "-m", "backcoach", "serve",
        "--host", HOST, "--port", str(port), "--db", database_url,
    ]  # fmt: skip


class ServerProcess:
    """A web server in its own process, ready once ``/healthz`` answers 200.

    The output goes to a file, never a pipe: a pipe nobody reads fills up and blocks the server
    the moment it logs a lot (an error storm under load). ``start`` may follow ``kill`` or ``stop``
    to start the same command again; the log file keeps every run's output.
    """

    def __init__(self, command: list[str], env: Mapping[str, str], *, host: str = HOST, port: int) -> None:
        self.command, self.env, self.host, self.port = command, dict(env), host, port
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())

    @property
    def pid(self) -> int:
        assert self.process is not None, "the server is not running"
        return self.process.pid

    def start(self, timeout_s: float = START_TIMEOUT_S) -> None:
        assert self.process is None, "the server is already running"
        self.process = subprocess.Popen(self.command, env=self.env, stdout=self._log, stderr=self._log)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.process = None
                raise RuntimeError(f"the server did not start:\n{self.log(3000)}")
            try:
                with urllib.request.urlopen(f"http://{self.host}:{self.port}/healthz", timeout=1) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the server did not answer on {self.host}:{self.port} within {timeout_s:g} s")

    def kill(self) -> None:
        """SIGKILL, as a power cut or the OOM killer would: no clean-up code runs."""
        if self.process is not None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.process = None

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it does not end in ``STOP_TIMEOUT_S``."""
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def close(self) -> None:
        self.stop()
        self._log.close()

    def log(self, size: int | None = None) -> str:
        """The server's output so far (its last ``size`` bytes)."""
        self._log.seek(0, os.SEEK_END)
        self._log.seek(0 if size is None else max(0, self._log.tell() - size))
        return self._log.read().decode("utf-8", "replace")


def http_request(
    method: str,
    path: str,
    *,
    host: str = HOST,
    port: int,
    headers: Mapping[str, str] | None = None,
    body: bytes = b"",
    content_type: str = "application/json",
) -> bytes:
    """One HTTP/1.1 request, keep-alive, as bytes to write on a connection."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "User-Agent: backcoach-live", "Accept: */*"]
    lines += [f"{key}: {value}" for key, value in (headers or {}).items()]
    if body:
        lines += [f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


@dataclass(frozen=True)
class Answer:
    """One HTTP response: the status, the headers (names in lower case), the body's bytes."""

    status: int
    headers: dict[str, str]
    body: bytes
    keep_alive: bool


async def read_response(reader: asyncio.StreamReader) -> Answer:
    """Read one HTTP/1.1 response (Content-Length, chunked, or up to the end of the stream)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            key, value = line.split(":", 1)
            headers[key.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            parts.append((await reader.readexactly(size + 2))[:-2])
            if size == 0:
                break
        body = b"".join(parts)
    else:
        return Answer(status, headers, await reader.read(), keep_alive=False)
    return Answer(status, headers, body, keep_alive=headers.get("connection", "").lower() != "close")

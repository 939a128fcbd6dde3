"""The temporary Prefect API of a command run without a Prefect server, started by kabar
as the command begins instead of by Prefect at the flow's first call.

Prefect starts the same server (uvicorn serving `prefect.server.api.server:create_app` on
the SQLite database in PREFECT_HOME, UI off, ephemeral mode) only when the flow is first
called, after the command's imports, and imports the whole server application in the
command's own process to do it (about 2.3 s on one core). Started here, before the
command imports its flows, the server boots on the other core while the command gets
ready, and the command's process never imports it. The flow then runs against it under
`prefect.settings.temporary_settings`, as it would against any server."""
from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

# What Prefect's own temporary server sets (prefect.server.api.server.SubprocessASGIServer).
_SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
_PORT_IN_USE = 3  # uvicorn's exit code when its port was taken between our choice and its bind
_PR_SET_PDEATHSIG = 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:  # in the child, before exec: a killed command leaves no server behind
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class TemporaryApi:
    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> "TemporaryApi":
        """Launch the server; returns at once (wait() waits for it to answer)."""
        from prefect.settings import get_current_settings

        env = {**os.environ, **_SERVER_ENV, **get_current_settings().to_environment_variables(exclude_unset=True)}
        self.port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1",
             "--port", str(self.port), "--log-level", "error", "--lifespan", "on"],
            env=env, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)
        return self

    def wait(self, timeout: float) -> None:
        """Until the server answers its health check; RuntimeError when it does not in
        `timeout` seconds or exits."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code == _PORT_IN_USE:
                self.start()
                continue
            if code is not None:
                raise RuntimeError(f"the temporary Prefect API exited with code {code} while starting")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the temporary Prefect API did not answer in {timeout:.0f} s "
                           "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


_api: TemporaryApi | None = None


def start_if_needed() -> None:
    """Start the temporary API now when no Prefect server is configured (PREFECT_API_URL,
    in the environment, a profile or a settings file)."""
    global _api
    from prefect.settings import PREFECT_API_URL

    if _api is None and not PREFECT_API_URL.value():
        _api = TemporaryApi().start()


def running() -> bool:
    """Whether this command runs its flows on a temporary API of its own."""
    return _api is not None


@contextlib.contextmanager
def serving():
    """The temporary API, once it answers, as the API of what runs inside; stopped after.
    Without one (a server is configured) nothing changes."""
    global _api
    if _api is None:
        yield
        return
    from prefect.settings import (PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, PREFECT_UI_URL,
                                  temporary_settings)

    try:
        _api.wait(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
        # no UI address: this server serves none, so Prefect's "View at" links would lead nowhere
        with temporary_settings(updates={PREFECT_API_URL: _api.url, PREFECT_UI_URL: ""}):
            try:
                yield
            finally:
                _drain_to_api()
    finally:
        _api.stop()
        _api = None


def _drain_to_api(timeout: float = 10) -> None:
    """Send the log lines and events Prefect still holds while the API is there to take
    them; sent later, each would wait out its retries against a closed port."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        with contextlib.suppress(Exception):
            worker.drain_all(timeout=timeout)

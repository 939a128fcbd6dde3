"""A command run without a Prefect server starts its own temporary API as it begins, runs
its flow on it, trims its history and stops it; a killed command leaves no API behind."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPO

SERVER_APP = b"prefect.server.api.server:create_app"


def api_processes(prefect_home: Path) -> list[int]:
    """Processes serving a Prefect API on `prefect_home` (by their command line and environment)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if SERVER_APP in cmdline and f"PREFECT_HOME={prefect_home}".encode() in environ:
            found.append(int(pid))
    return found


def command_env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    env["PREFECT_LOGGING_TO_API_ENABLED"] = "true"  # the log lines must reach the API before it stops
    return env


def test_a_command_without_a_server_runs_on_its_own_temporary_api_and_stops_it(tmp_path, mirror):
    env = command_env(tmp_path)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "flows.cli", "backfill", "--from", "2026-11-26", "--to", "2026-11-26",
                           "--source", "detik", "--lake", str(tmp_path / "lake"), "--replay", mirror.url, "--yes"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Starting temporary server" not in output  # not Prefect's own: kabar's, started before the imports
    assert "Error logging to API" not in output and "connection attempts failed" not in output
    assert "View at" not in output  # the temporary API serves no UI to link to
    assert "detik" in done.stdout
    assert api_processes(tmp_path / "prefect") == []
    assert time.monotonic() - started < 120


def test_a_killed_command_takes_its_temporary_api_with_it(tmp_path):
    env = command_env(tmp_path)
    # a replay address nothing answers: the command sits in its fetches long enough to be killed
    command = subprocess.Popen([sys.executable, "-m", "flows.cli", "ingest", "--source", "detik", "--lake",
                                str(tmp_path / "lake"), "--replay", "http://127.0.0.1:9"], cwd=REPO, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not api_processes(tmp_path / "prefect") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert api_processes(tmp_path / "prefect"), "the command started no temporary API"
        command.send_signal(signal.SIGKILL)
        command.wait()
        deadline = time.monotonic() + 20
        while api_processes(tmp_path / "prefect") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert api_processes(tmp_path / "prefect") == []
    finally:
        command.kill()
        for pid in api_processes(tmp_path / "prefect"):
            os.kill(pid, signal.SIGKILL)

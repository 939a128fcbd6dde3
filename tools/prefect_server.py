"""A real Prefect server on 127.0.0.1, with workers of the kabar pool, driven through
Prefect's own command line as an operator would: for the tests and bench/scaleout.py."""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

PREFECT = str(Path(sys.executable).with_name("prefect"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(**extra: str) -> dict:
    """The environment without any KABAR_* or PREFECT_* setting of the test process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KABAR_", "PREFECT_"))}
    env.update(PREFECT_SERVER_ANALYTICS_ENABLED="false", **extra)
    return env


class PrefectServer:
    def __init__(self, home: Path):
        self.home = home
        self.port = free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.processes: list[subprocess.Popen] = []
        self.log = open(home / "server.log", "wb")

    def env(self, **extra: str) -> dict:
        return clean_env(PREFECT_HOME=str(self.home), PREFECT_API_URL=self.api_url, **extra)

    def start(self, timeout: float = 180) -> "PrefectServer":
        env = clean_env(PREFECT_HOME=str(self.home), PREFECT_SERVER_UI_ENABLED="false")
        self._spawn([PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(self.port)], env, self.log)
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if httpx.get(f"{self.api_url}/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"prefect server did not answer in {timeout} s: {(self.home / 'server.log').read_text()[-2000:]}")

    def _spawn(self, cmd: list[str], env: dict, out, cwd: Path | None = None) -> subprocess.Popen:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, start_new_session=True)
        self.processes.append(proc)
        return proc

    def prefect(self, *args: str, cwd: Path | None = None, timeout: float = 600, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run([PREFECT, *args], env=self.env(COLUMNS="500", **env), cwd=cwd, capture_output=True, text=True,
                              timeout=timeout)

    def worker(self, name: str, cwd: Path, limit: int = 2, **env: str) -> subprocess.Popen:
        """A process worker of the kabar pool whose runs see `env` (KABAR_LAKE, ...)."""
        out = open(self.home / f"worker-{name}.log", "wb")
        return self._spawn([PREFECT, "worker", "start", "--pool", "kabar-process", "--name", name, "--limit", str(limit)],
                           self.env(PREFECT_WORKER_QUERY_SECONDS="1", KABAR_WORKER=name, **env), out, cwd=cwd)

    def run_deployment(self, name: str, *params: str, timeout: int = 600) -> str:
        """Run a deployment and wait for it; its final state's name."""
        args = ["deployment", "run", name, "--watch", "--watch-timeout", str(timeout)]
        for p in params:
            args += ["--param", p]
        done = self.prefect(*args, timeout=timeout + 60)
        final = re.search(r"Flow run finished (?:successfully )?in (?:state )?'(\w+)'", done.stdout)
        if final is None:
            raise AssertionError(done.stdout + done.stderr)
        return final.group(1)

    def artifact(self, key: str) -> str:
        """The markdown of the newest artifact under `key`."""
        shown = self.prefect("artifact", "inspect", key, "--output", "json")
        assert shown.returncode == 0, shown.stdout + shown.stderr
        return max(json.loads(shown.stdout), key=lambda a: a["created"])["data"]

    def start_run(self, name: str, *params: str) -> None:
        args = ["deployment", "run", name]
        for p in params:
            args += ["--param", p]
        done = self.prefect(*args)
        assert done.returncode == 0, done.stdout + done.stderr

    def stop(self) -> None:
        for proc in reversed(self.processes):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.processes:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        self.log.close()

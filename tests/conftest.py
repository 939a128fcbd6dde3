"""Shared fixtures: the offline mirror on 127.0.0.1, a configurable local server, one
Prefect test API per session. Prefect's home is set before Prefect is first imported."""
from __future__ import annotations

import json
import os
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="kabar-test-prefect-")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
os.environ.pop("KABAR_REPLAY", None)
os.environ["KABAR_ALLOW_ADDRESSES"] = "127.0.0.1/32"  # the local test servers; any other private address stays refused

import pytest  # noqa: E402

from spiders.addresses import AddressPolicy  # noqa: E402
from spiders.mirror_server import DEFAULT_MIRROR, MirrorServer  # noqa: E402

LOCAL = AddressPolicy.allowing(["127.0.0.1/32"])  # what the flows get from KABAR_ALLOW_ADDRESSES above

REPO = Path(__file__).resolve().parent.parent
SAMPLES = Path(__file__).parent / "samples"


def open_lake(root: str):
    """A lake as the flows open it: S3 options from the environment (the moto fixture's)."""
    from flows.settings import Settings

    return Settings.from_env().open_lake(root)


@pytest.fixture(scope="session")
def manifest() -> dict:
    return json.loads((DEFAULT_MIRROR / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture()
def mirror():
    """A fresh mirror server per test, so request counts belong to that test."""
    with MirrorServer() as server:
        yield server


@pytest.fixture(scope="session")
def prefect_api():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


class ScriptedServer:
    """A local HTTP server answering from a dict: path -> (status, headers, body).
    Records every request's path and headers."""

    def __init__(self, host: str = "127.0.0.1"):
        self.routes: dict[str, tuple[int, dict, bytes]] = {}
        self.requests: list[tuple[str, dict]] = []
        self.timeline: list[tuple[str, float, float]] = []  # (path, start, end) of each answered request
        self.in_flight = self.max_in_flight = 0
        lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                started = time.monotonic()
                with lock:
                    server.requests.append((self.path, dict(self.headers)))
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    self._answer()
                finally:
                    with lock:
                        server.in_flight -= 1
                        server.timeline.append((self.path, started, time.monotonic()))

            def _answer(self):
                status, headers, body = server.routes.get(self.path, (404, {}, b"not found"))
                if callable(body):
                    answer = body(self)
                    if answer is None:  # the callable answered by itself
                        return
                    status, headers, body = answer
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def s3_endpoint():
    """A moto S3 server on 127.0.0.1 (pyarrow's C++ S3 client is not intercepted by
    moto's in-process mock) with a bucket `lake`; the environment points kabar at it."""
    from moto.server import ThreadedMotoServer
    import pyarrow.fs as pafs

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1",
                      KABAR_S3_ENDPOINT=endpoint)
    pafs.S3FileSystem(endpoint_override=f"{host}:{port}", scheme="http", region="us-east-1",
                      allow_bucket_creation=True).create_dir("lake")
    yield endpoint
    server.stop()


@pytest.fixture(params=["local", "s3"])
def lake_root(request, tmp_path):
    """The same test on a local directory and on the moto S3 server (`pytest -k s3`)."""
    if request.param == "local":
        return str(tmp_path / "lake")
    request.getfixturevalue("s3_endpoint")
    return f"s3://lake/{tmp_path.name}"


@pytest.fixture()
def scripted():
    server = ScriptedServer()
    yield server
    server.close()

"""The offline mirror server: outlets replayed over real HTTP on 127.0.0.1.

Requests are routed by their Host header (the replay transports keep the outlet's host
there), looked up in `data/mirror/routes.json`, and answered with ETag/Last-Modified and
304s like a real server. A query string the mirror does not know falls back to the bare
path, as most sites ignore unknown parameters. `/_mirror/requests` lists what was asked.
"""
from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import Counter
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEFAULT_MIRROR = Path(__file__).resolve().parent.parent / "data" / "mirror"


class MirrorServer:
    def __init__(self, root: Path = DEFAULT_MIRROR, port: int = 0, latency: float = 0.0):
        """`latency`: seconds to wait before each answer, as a distant server would."""
        self.root, self.latency = root, latency
        self.routes: dict[str, dict] = json.loads((root / "routes.json").read_text(encoding="utf-8"))
        self.hits: Counter[str] = Counter()
        self.page_hits: Counter[str] = Counter()  # requests for HTML pages (articles), not feeds
        self._lock = threading.Lock()
        self._etags: dict[str, str] = {}
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "MirrorServer":
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="kabar-mirror", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> "MirrorServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def record(self, key: str, route: dict | None) -> None:
        with self._lock:
            self.hits[key] += 1
            if route is None or route["type"].startswith("text/html"):
                self.page_hits[key] += 1

    def etag(self, file: str, body: bytes) -> str:
        if file not in self._etags:
            self._etags[file] = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        return self._etags[file]

    def _handler_class(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "kabar-mirror/1"

            def log_message(self, format, *args):  # quiet: tests and the demo read /_mirror/requests
                pass

            def do_HEAD(self):
                self._answer(send_body=False)

            def do_GET(self):
                self._answer(send_body=True)

            def _answer(self, send_body: bool) -> None:
                if server.latency:
                    time.sleep(server.latency)
                if self.path.startswith("/_mirror/requests"):
                    with server._lock:
                        payload = json.dumps({"all": server.hits, "pages": server.page_hits}).encode()
                    return self._send(200, {"Content-Type": "application/json"}, payload, send_body)
                host = (self.headers.get("Host") or "").split(":")[0].lower()
                key = host + self.path
                route = server.routes.get(key) or server.routes.get(key.split("?", 1)[0])
                server.record(key, route)
                if route is None:
                    return self._send(404, {"Content-Type": "text/html"}, b"<h1>404 Halaman tidak ditemukan</h1>", send_body)
                body = (server.root / "sites" / route["file"]).read_bytes()
                headers = {"Content-Type": route["type"], "ETag": server.etag(route["file"], body)}
                if route.get("last_modified"):
                    headers["Last-Modified"] = route["last_modified"]
                if self._not_modified(headers):
                    return self._send(304, {k: v for k, v in headers.items() if k != "Content-Type"}, b"", send_body)
                self._send(route.get("status", 200), headers, body, send_body)

            def _not_modified(self, headers: dict) -> bool:
                if_none_match = self.headers.get("If-None-Match")
                if if_none_match:
                    return headers["ETag"] in [t.strip() for t in if_none_match.split(",")]
                since, modified = self.headers.get("If-Modified-Since"), headers.get("Last-Modified")
                if since and modified:
                    try:
                        return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
                    except (TypeError, ValueError):
                        return False
                return False

            def _send(self, status: int, headers: dict, body: bytes, send_body: bool) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if send_body and body:
                    self.wfile.write(body)

        return Handler


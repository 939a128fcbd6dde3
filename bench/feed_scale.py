"""2,000 feeds on 200 hosts, each answer 100 ms late: a first poll, then one where every
feed answers 304, through kabar's discovery (robots.txt, per-host pace, validators). The
hosts are 127.0.0.1–127.0.0.200 (all loopback), one small server each, which count how
many requests they had in flight at once: the per-host limit is one."""
from __future__ import annotations

import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOSTS, FEEDS_PER_HOST, LATENCY = 200, 10, 0.1


class _Host(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: str):
        super().__init__((address, 0), _Feed)
        self.lock, self.in_flight, self.most_in_flight, self.requests = threading.Lock(), 0, 0, 0


class _Feed(BaseHTTPRequestHandler):
    server: _Host

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        host = self.server
        with host.lock:
            host.in_flight += 1
            host.requests += 1
            host.most_in_flight = max(host.most_in_flight, host.in_flight)
        time.sleep(LATENCY)
        with host.lock:  # counted until the answer is ready, not sent: the client may ask again at once
            host.in_flight -= 1
        etag = f'"{self.path}"'
        if self.path == "/robots.txt":
            self._answer(404, {}, b"")
        elif self.headers.get("If-None-Match") == etag:
            self._answer(304, {"ETag": etag}, b"")
        else:
            base = f"http://{host.server_address[0]}:{host.server_address[1]}"
            item = (f"<item><title>Berita {self.path}</title><link>{base}/berita{self.path}/1</link>"
                    "<pubDate>Tue, 01 Dec 2026 08:00:00 +0700</pubDate></item>")
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{item}</channel></rss>'.encode()
            self._answer(200, {"ETag": etag, "Content-Type": "application/rss+xml"}, body)

    def _answer(self, status: int, headers: dict, body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _source(servers: list[_Host], directory: Path):
    from spiders.registry import load_sources

    hosts = [s.server_address[0] for s in servers]
    feeds = "".join(f'\n[[feeds]]\nurl = "http://{s.server_address[0]}:{s.server_address[1]}/feed/{k}"\n'
                    for s in servers for k in range(FEEDS_PER_HOST))
    (directory / "many.toml").write_text(
        f'id = "many"\nname = "Many feeds"\nhomepage = "http://127.0.0.1/"\ntimezone = "Asia/Jakarta"\n'
        f'language = "id"\nhosts = {hosts!r}\n'.replace("'", '"') + feeds
        + "\n[politeness]\ndelay_seconds = 0\nmax_page_bytes = 100000\nretries = 1\ntimeout_seconds = 10\n")
    return load_sources(directory)["many"]


def poll(hosts: int) -> dict:
    from spiders.addresses import AddressPolicy
    from spiders.discovery.poll import Outcome, discover
    from spiders.discovery.polite import Pace, PoliteFetcher
    from spiders.http import make_client
    from spiders.robots import Robots

    servers = [_Host(f"127.0.0.{i + 1}") for i in range(hosts)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with tempfile.TemporaryDirectory() as directory:
            source = _source(servers, Path(directory))
        with make_client(policy=AddressPolicy.allowing(["127.0.0.0/24"])) as client:
            fetcher = PoliteFetcher(client, 0, robots=Robots(), pace=Pace())
            start = time.perf_counter()
            first = discover(source, client, {}, fetcher=fetcher)
            first_s = time.perf_counter() - start
            start = time.perf_counter()
            second = discover(source, client, first.state, fetcher=fetcher)
            second_s = time.perf_counter() - start
        return {"feeds": len(source.feeds), "first_s": first_s, "first_new": first.count(Outcome.NEW),
                "second_s": second_s, "not_modified": second.count(Outcome.NOT_MODIFIED),
                "most_in_flight_per_host": max(s.most_in_flight for s in servers),
                "requests": sum(s.requests for s in servers)}
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def section_feeds(work: Path) -> None:
    got = poll(HOSTS)
    print(f"feeds={got['feeds']} hosts={HOSTS} latency={LATENCY}s requests={got['requests']}")
    print(f"feeds_first_poll_s={got['first_s']:.1f} new={got['first_new']}")
    print(f"feeds_all_304_s={got['second_s']:.1f} not_modified={got['not_modified']}")
    print(f"feeds_most_in_flight_per_host={got['most_in_flight_per_host']} (the limit: 1)")

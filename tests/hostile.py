"""A hostile outlet on 127.0.0.1 for the tests: an article page that is real, and every
trick the issue lists — redirects to private addresses, challenge pages, lying charsets,
huge or dripping feeds, bad links, blocked index pages — served by a ScriptedServer."""
from __future__ import annotations

import time
from pathlib import Path

ARTICLE = ("<html><head><meta charset='utf-8'><title>{title}</title><script type='application/ld+json'>"
           "{{\"@type\":\"NewsArticle\",\"headline\":\"{title}\",\"datePublished\":\"2026-11-25T10:00:00+07:00\"}}</script>"
           "</head><body><article><h1>{title}</h1>"
           + "".join(f"<p>Kalimat berita ke-{i} yang cukup panjang untuk menjadi isi artikel yang sah di lake ini.</p>"
                     for i in range(4))
           + "</article></body></html>")
CHALLENGE = ("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
             "<div id='cf-wrapper'><h1>Checking your browser before accessing the site.</h1>"
             "<p>This process is automatic. Your browser will redirect to your requested content shortly.</p>"
             "<script src='/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1'></script>"
             + "<p>Please allow up to 5 seconds while we verify that you are a human visitor to this page.</p>" * 3
             + "</div></body></html>")


def article(title: str, charset: str = "utf-8") -> bytes:
    return ARTICLE.format(title=title).encode(charset)


def rss(links: list[str], titles: list[str] | None = None) -> bytes:
    items = "".join(f"<item><title>{(titles or links)[i]}</title><link>{link}</link>"
                    f"<pubDate>Wed, 25 Nov 2026 03:00:00 GMT</pubDate></item>" for i, link in enumerate(links))
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>{items}</channel></rss>'.encode()


def html(body: bytes, charset: str | None = "utf-8") -> tuple[int, dict, bytes]:
    return 200, {"Content-Type": f"text/html; charset={charset}" if charset else "text/html"}, body


def redirect(to: str, status: int = 302) -> tuple[int, dict, bytes]:
    return status, {"Location": to}, b""


def drip(seconds: int):
    """A feed that sends one byte a second, forever slower than any read timeout notices."""
    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.end_headers()
        for _ in range(seconds):
            try:
                handler.wfile.write(b" ")
                handler.wfile.flush()
            except OSError:
                return None
            time.sleep(1)
        return None
    return answer


def source_file(directory: Path, sid: str, base: str, feeds: list[str] = ("/rss",), extra: str = "") -> Path:
    """A source of the hostile outlet (hosts 127.0.0.1, which the tests allow), no delays."""
    directory.mkdir(parents=True, exist_ok=True)
    feed_tables = "".join(f'[[feeds]]\nurl = "{f if "://" in f else base + f}"\n' for f in feeds)
    path = directory / f"{sid}.toml"
    path.write_text(f'id = "{sid}"\nname = "{sid}"\nhomepage = "{base}/"\ntimezone = "Asia/Jakarta"\nlanguage = "id"\n'
                    f'hosts = ["127.0.0.1"]\n{extra}\n{feed_tables}[politeness]\ndelay_seconds = 0\nretries = 0\n')
    return path

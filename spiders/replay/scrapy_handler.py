"""The Scrapy seam of replay: a download handler that sends each request to the mirror
server (outlet host in the Host header) and hands back a response carrying the outlet's
own URL. Spider, robots.txt handling and items never see the difference."""
from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response

from spiders.replay import SCHEME_HEADER


class ReplayDownloadHandler(HTTP11DownloadHandler):
    def __init__(self, crawler):
        super().__init__(crawler)
        mirror = crawler.settings.get("KABAR_REPLAY")
        if not mirror:
            raise NotConfigured("KABAR_REPLAY is not set")
        self.mirror_netloc = urlsplit(mirror).netloc

    async def download_request(self, request: Request) -> Response:
        parts = urlsplit(request.url)
        routed = request.replace(url=urlunsplit(("http", self.mirror_netloc, parts.path or "/", parts.query, "")))
        routed.headers["Host"] = parts.netloc
        routed.headers[SCHEME_HEADER] = parts.scheme
        response = await super().download_request(routed)
        return response.replace(url=request.url)

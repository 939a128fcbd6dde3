"""Pages that stand between us and the article: bot challenges, JavaScript-cookie walls and
CDN block pages, served with status 200 as often as 403 or 429. Such a page is `blocked`
(tried again later), never an article and never an empty one.

Each marker is specific to a challenge product or its wording, and the page must be
short: a real article that quotes "Checking your browser" in its text is long."""
from __future__ import annotations

import re

MAX_CHALLENGE_CHARS = 60_000  # challenge pages are small; an article page with its scripts is not
MAX_VISIBLE_CHARS = 1_500  # for the generic markers: a wall has next to no text of its own
# Markers of one product: enough on a small page.
_PRODUCTS = (
    ("cloudflare", r"cf-browser-verification|/cdn-cgi/challenge-platform/|cf_chl_opt|window\._cf_chl|"
                   r"<title>\s*(?:just a moment\.\.\.|attention required! \| cloudflare)"),
    ("ddos-guard", r"ddos-guard\.net/|<title>\s*ddos-guard"),
    ("akamai", r"<title>\s*access denied\s*</title>.{0,2000}reference\s*#[0-9a-f.]+|errors\.edgesuite\.net"),
    ("imperva", r"_incapsula_resource|incapsula incident id|<title>\s*pardon our interruption"),
    ("sucuri", r"sucuri website firewall|sucuri_cloudproxy"),
)
# Generic wording and tricks: only on a page with next to no text.
_GENERIC = (
    ("browser check", r"checking (?:if the site connection is secure|your browser before accessing)|"
                      r"please (?:enable|turn on) javascript and cookies to continue|enable javascript and cookies to continue"),
    ("javascript cookie wall", r"document\.cookie\s*=.{0,300}(?:location\.reload|location\.href\s*=|window\.location)"),
    ("captcha", r"<title>[^<]{0,80}captcha[^<]{0,80}</title>"),
)
# Literal words every match of a pattern contains, in lower case: a page holding none of a
# pattern's words is not searched with it (a case-blind search of a 50 KB page with each
# pattern cost more than a millisecond a page).
_NEEDLES = {
    "cloudflare": ("cf-browser-verification", "/cdn-cgi/challenge-platform/", "cf_chl_opt", "_cf_chl", "just a moment",
                   "attention required"),
    "ddos-guard": ("ddos-guard",),
    "akamai": ("access denied", "errors.edgesuite.net"),
    "imperva": ("_incapsula_resource", "incapsula incident id", "pardon our interruption"),
    "sucuri": ("sucuri",),
    "browser check": ("checking ", "javascript and cookies"),
    "javascript cookie wall": ("document.cookie",),
    "captcha": ("captcha",),
}
_PRODUCT_PATTERNS = [(name, re.compile(p, re.IGNORECASE | re.DOTALL)) for name, p in _PRODUCTS]
_GENERIC_PATTERNS = [(name, re.compile(p, re.IGNORECASE | re.DOTALL)) for name, p in _GENERIC]
_INVISIBLE = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>|<[^>]+>", re.IGNORECASE | re.DOTALL)


def challenge_of(html: str) -> str | None:
    """The kind of challenge or block page this is, or None for an ordinary page."""
    if len(html) > MAX_CHALLENGE_CHARS:
        return None
    lowered = html.lower()

    def searched(name: str, pattern: re.Pattern) -> bool:
        return any(needle in lowered for needle in _NEEDLES[name]) and pattern.search(html) is not None

    for name, pattern in _PRODUCT_PATTERNS:
        if searched(name, pattern):
            return name
    generic = [name for name, pattern in _GENERIC_PATTERNS if searched(name, pattern)]
    if generic and len(" ".join(_INVISIBLE.sub(" ", html).split())) <= MAX_VISIBLE_CHARS:
        return generic[0]
    return None

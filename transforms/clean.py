"""Indonesian news boilerplate: what to drop before and after trafilatura.

`PRE_CLEAN_SELECTORS` removes page furniture from the HTML tree; the line rules below
clean the extracted text and move datelines, desk codes and attributions into fields.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Elements that are never article text on Indonesian outlets (class names from their
# templates: detik/CNN parallax ads and "linksisip" inserts, Tribun "baca" paragraphs, ...).
PRE_CLEAN_SELECTORS: tuple[str, ...] = (
    "script", "style", "noscript", "iframe", "figure", "figcaption",
    "[id^='div-gpt-ad']", ".parallaxindetail", ".paradetail", ".ads-scrollpage-container",
    ".ads-placeholder", ".ads-slot", ".adsbygoogle", "ins",
    "table.linksisip", ".lihatjg", ".baca", ".baca-juga", ".baca-juga-box", ".inject-baca-juga",
    ".lihat-juga", ".readmore", ".ten-second", "#baca-juga",
    ".detail__body-tag", ".detail__long-nav", ".paging", ".pagination", ".pagination-wrap",
    ".share-wrapper", ".newstag", ".end-of-article", ".summary-article",
    ".related", ".related-news", ".artikel-terkait", ".pilihan-list", ".video-embed",
    ".comment", ".comments", "#comments", ".kompas-comment", ".social-share",
)

_DROP_LINE_PATTERNS = [
    r"^baca( juga)?\s*:",
    r"^lihat juga\s*:?",
    r"^pilihan editor\s*:",
    r"^(advertisement|iklan)$",
    r"^scroll to continue with content$",
    r"^scroll ke bawah untuk melanjutkan membaca",
    r"^simak (juga )?video\b",
    r"^\[gambas:[^\]]*\]$",
    r"^halaman\s+\d+(\s*/\s*\d+|(\s+\d+)*)$",
    r"^(halaman )?selanjutnya\s*>*$",
    r"^add as a preferred source on google$",
    r".*\bwhatsapp channel\b.*",
    r"^(dengarkan artikel|tampilkan ringkasan artikel|bagikan\s*:?|url telah tercopy)$",
    r"^periksa kembali dan lengkapi data dirimu",
    r"^#jernihberkomentar",
    r"^copyright ©",
    r"^breaking news cnn indonesia$",
]
_DROP_LINE = re.compile("|".join(f"(?:{p})" for p in _DROP_LINE_PATTERNS), re.IGNORECASE)

# "Jakarta -", "Jakarta, CNN Indonesia --", "JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -",
# "REPUBLIKA.CO.ID, JAKARTA --", "TRIBUNNEWS.COM -", "Jakarta, Pahami.id –".
_DATELINE = re.compile(
    r"^\s*(?P<dateline>"
    r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}"          # place or outlet, capitalised words
    r"(?:\s*\([A-Z][A-Za-z.]+\))?"                 # (ANTARA)
    r"(?:\s*,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"  # , CNN Indonesia / , KOMPAS.com
    r")\s*(?:--|[-\u2013\u2014])\s*"
)
_DESK_CODES = re.compile(r"\(\s*([A-Za-z]{2,4}(?:\s*/\s*[A-Za-z]{2,4})+)\s*\)\s*$")
_ATTRIBUTION = re.compile(
    r"^(?:artikel ini (?:telah )?(?:tayang|terbit) di|sumber\s*:|dikutip dari|disadur dari)\s*(?P<what>.+)$",
    re.IGNORECASE,
)
# ANTARA's footer, on one line or several: "Pewarta: X Editor: Y COPYRIGHT © ANTARA 2026".
_SIGNOFF_ROLE = re.compile(r"^(?P<role>pewarta|editor|penulis|reporter)\s*:\s*(?P<name>.+?)\s*$", re.IGNORECASE)
_ANTARA_SIGNOFF = re.compile(r"^pewarta\s*:\s*(?P<writer>.+?)\s*editor\s*:\s*(?P<editor>.+?)(?:\s*copyright.*)?$", re.IGNORECASE)
# UI strings that trafilatura sometimes glues onto the last paragraph.
_INLINE_JUNK = re.compile(r"\s*add as a preferred source on google\s*", re.IGNORECASE)


@dataclass
class CleanedBody:
    body: str
    dateline: str | None = None
    desk_codes: list[str] = field(default_factory=list)
    attribution: str | None = None
    signoff_writer: str | None = None
    signoff_editor: str | None = None


def _is_heading_echo(line: str, title: str | None) -> bool:
    """The headline or a bare date line repeated at the top of the extracted text."""
    from transforms.dates import parse_indonesian

    if title and line.casefold() == title.casefold():
        return True
    return len(line.split()) <= 8 and parse_indonesian(line) is not None


def clean_body(text: str, title: str | None = None) -> CleanedBody:
    lines = [_INLINE_JUNK.sub(" ", ln).strip() for ln in (text or "").splitlines()]
    lines = [ln for ln in lines if ln]
    while lines and _is_heading_echo(lines[0], title):
        lines.pop(0)
    out = CleanedBody(body="")
    kept: list[str] = []
    for line in lines:
        if _DROP_LINE.match(line):
            continue
        m = _ATTRIBUTION.match(line)
        if m:
            out.attribution = m.group("what").strip().rstrip(".")
            continue
        m = _ANTARA_SIGNOFF.match(line)
        if m:
            out.signoff_writer, out.signoff_editor = m.group("writer"), m.group("editor")
            continue
        kept.append(line)
    # A sign-off block of "Pewarta: X" / "Editor: Y" lines at the very end.
    while kept and (m := _SIGNOFF_ROLE.match(kept[-1])):
        if m.group("role").lower() == "editor":
            out.signoff_editor = m.group("name")
        else:
            out.signoff_writer = m.group("name")
        kept.pop()

    # A dateline split onto its own line ("Jakarta -") joins the next paragraph first.
    if len(kept) >= 2 and len(kept[0]) <= 60 and re.search(r"(--|[-\u2013\u2014])$", kept[0]):
        kept[:2] = [f"{kept[0]} {kept[1]}"]
    if kept:
        m = _DATELINE.match(kept[0])
        if m and len(m.group("dateline")) <= 50:
            out.dateline = m.group("dateline").strip()
            kept[0] = kept[0][m.end():]
            kept[0] = kept[0][:1].upper() + kept[0][1:] if kept[0][:1].islower() else kept[0]

    while kept:
        m = _DESK_CODES.search(kept[-1])
        if not m:
            break
        out.desk_codes.append(re.sub(r"\s+", "", m.group(1)))
        kept[-1] = kept[-1][: m.start()].rstrip()
        if not kept[-1]:
            kept.pop()
    out.desk_codes.reverse()
    out.body = "\n".join(ln for ln in kept if ln)
    return out


_TITLE_SUFFIX = re.compile(r"\s+[-|\u2013\u2014:]\s+[^-|\u2013\u2014]{2,40}$")
_SITE_WORDS = re.compile(r"(\.com|\.co\b|\.id\b|detik|kompas|tribun|tempo|antara|cnn|news|pahami)", re.IGNORECASE)


def clean_title(title: str | None) -> str | None:
    """Strip outlet suffixes such as " - Tribunnews.com" or " | tempo.co"."""
    if not title:
        return None
    t = re.sub(r"\s+", " ", title).strip()
    m = _TITLE_SUFFIX.search(t)
    if m and _SITE_WORDS.search(m.group(0)):
        t = t[: m.start()].strip()
    return t or None

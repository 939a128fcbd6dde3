"""Indonesian news boilerplate in extracted text: line rules that drop it, and move
datelines, desk codes, sign-offs and attributions into fields. (Page furniture is
removed from the HTML earlier, in transforms/extraction/htmlprep.py.)"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from transforms.dates import MONTHS, parse_indonesian

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
    r".*\blengkapi data dirimu\b.*",  # Kompas's comment box, whatever precedes it
    r"^#jernihberkomentar",
    r"^copyright\s*(?:©|@|\(c\)|&copy;)",  # "Copyright © 2026 ..." and "Copyright @ 2026 ... Group"
    r"^baca selanjutnya\W*$",  # a page break inside a split article
    r"^cek video di bawah ini\W*$",
    r"^jangan lewatkan video terbaru\W*$",  # JPNN's video promo
    r"^sosok(?:\s*[:|\u2013-]\s+.*)?$",  # a promo block's label ("Sosok", "Sosok: <teaser>"), not "Sosok pria itu ..."
    r"^(?:#[\w-]+[\s,]*)+$",  # a line of hashtags only
    r"^headline$",  # a label above the title or lead
    r"^filed under\s*:",
    r"^breaking news cnn indonesia$",
    r"^(load more|lihat selengkapnya|tampilkan lebih banyak)\W*$",
    r"^disclaimer\s*:", r"^konten premium$", r"^berlangganan untuk membaca", r".*\w\[at\]\w.*", r"^informasi pemasangan iklan", r"^(fotografer|foto|video)\s*:\s*\S.{0,60}$",
    r"^[-\u2013\u2014\u2022*\s]*$",  # a bullet left over from a list
]
_DROP_LINE = re.compile("|".join(f"(?:{p})" for p in _DROP_LINE_PATTERNS), re.IGNORECASE)

# "Jakarta -", "Jakarta, CNN Indonesia --", "JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -",
# "REPUBLIKA.CO.ID, JAKARTA --", "TRIBUNNEWS.COM -", "Jakarta, Pahami.id –".
_DATELINE = re.compile(
    r"^\s*(?P<dateline>"
    r"(?:[a-z]+\.(?:id|com|co\.id)|[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})"  # place or outlet; "tirto.id" too
    r"(?:\s*,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"  # , NTB / , CNN Indonesia / , KOMPAS.com
    r"(?:\s*,\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{4})?"     # , 23 Februari 2016 (wire releases)
    r"(?:\s*\([A-Z][\w./ ]{1,30}\))?"               # (ANTARA) / (ANTARA News) / (Antara/PRNewswire)
    r"(?:\s*,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"  # , KOMPAS.com after the parenthesis
    r")(?:\s*--\s*|\s+[-\u2013\u2014]\s*|[-\u2013\u2014]\s+)"  # a dash set apart: "Hal-hal" is a word
)
# "(vyp/kna)", "(LOM/WIW)", "(kpl/pur/tch)"; Media Indonesia's "(H-2)", "(Ant/P-5)".
_DESK_CODES = re.compile(r"\(\s*((?:[A-Za-z]{2,4}(?:\s*/\s*[A-Za-z]{2,4})+)|(?:(?:[A-Za-z]{2,4}/)?[A-Z]{1,3}-\d{1,2}))\s*\)\s*$")
_ATTRIBUTION = re.compile(
    r"^(?:artikel ini (?:telah )?(?:tayang|terbit) di|sumber\s*:|dikutip dari|disadur dari)\s*(?P<what>.+)$",
    re.IGNORECASE,
)
# ANTARA's footer, on one line or several: "Pewarta: X Editor: Y COPYRIGHT © ANTARA 2026".
# Also as table rows: "| Penulis | : Aditya Maulana |".
_SIGNOFF_ROLE = re.compile(
    r"^\|?\s*(?P<role>pewarta|editor|penulis|reporter|penyunting)\s*\|?\s*:\s*(?P<name>[^|]+?)\s*\|?\s*$", re.IGNORECASE)
_ANTARA_SIGNOFF = re.compile(r"^pewarta\s*:\s*(?P<writer>.+?)\s*editor\s*:\s*(?P<editor>.+?)(?:\s*copyright.*)?$", re.IGNORECASE)
# A name alone in parentheses (two to four capitalised words) as the body's last line.
_SIGNOFF_NAME = re.compile(r"^\(\s*([A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){1,3})\s*\)$")
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


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


_DATE_WORDS = frozenset(MONTHS) | frozenset(
    "senin selasa rabu kamis jumat jum'at sabtu minggu ahad pukul wib wita wit utc gmt diperbarui dipublikasikan "
    "diterbitkan update updated published".split())


def _is_date_line(line: str) -> bool:
    """A line that is only a date ("Kamis, 05/11/2015 10:08 WIB"), perhaps with a label
    or outlet name: never article text. A sentence that holds a date ("batas waktu
    pendaftaran adalah 8 April 2016.") has more words than that."""
    if len(line.split()) > 9 or parse_indonesian(line) is None:
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'.]*", line.lower()) if w.rstrip(".") not in _DATE_WORDS]
    return len(words) <= 2


# Headings that open the related-links lists trafilatura sometimes appends.
_LIST_HEADING = re.compile(
    r"^(berita terkait|berita lainnya|artikel terkait|topik terkait|video terkait|terpopuler|rekomendasi|"
    r"baca juga|more stories|related( news| articles)?|must ?read|close|populer|berita populer)\W*$",
    re.IGNORECASE,
)
TAIL_LIST_WORDS = 12


def _drop_title_prefix(lines: list[str], title: str | None) -> list[str]:
    """Everything up to the headline, when the headline shows up near the top."""
    if title:
        folded = _fold(title)
        for i, line in enumerate(lines[:8]):
            if _fold(line) == folded:
                before = sum(len(x.split()) for x in lines[:i])
                after = sum(len(x.split()) for x in lines[i + 1:])
                return lines[i + 1:] if after >= 2 * before else lines
    return lines


def _drop_tail_list(lines: list[str]) -> list[str]:
    """Cut a trailing run of short lines (a list of other headlines) opened by a date
    line, a bullet or a "Berita terkait"-style heading, once the article has started."""
    for i, line in enumerate(lines):
        if i == 0 or not (_LIST_HEADING.match(line) or _is_date_line(line)):
            continue
        rest = lines[i:]
        if sum(len(x.split()) for x in rest) / len(rest) < TAIL_LIST_WORDS:
            return lines[:i]
    return lines


MAX_PASSES = 5


def clean_body(text: str, title: str | None = None) -> CleanedBody:
    """The body without boilerplate, and the fields taken out of it. The rules run again
    on their own output until it stays the same (a rule can uncover what another should
    have taken: a dateline under a caption that went), so cleaning a clean body changes
    nothing; the fields are those of the first pass that found them."""
    out = _clean_once(text, title)
    for _ in range(MAX_PASSES):
        again = _clean_once(out.body, title)
        if again.body == out.body:
            break
        out.body, out.desk_codes = again.body, again.desk_codes + out.desk_codes
        out.dateline = out.dateline or again.dateline
        out.attribution = out.attribution or again.attribution
        out.signoff_writer = out.signoff_writer or again.signoff_writer
        out.signoff_editor = out.signoff_editor or again.signoff_editor
    return out


def _clean_once(text: str, title: str | None) -> CleanedBody:
    lines = [_INLINE_JUNK.sub(" ", ln).strip() for ln in (text or "").splitlines()]
    lines = _drop_tail_list(_drop_title_prefix([ln for ln in lines if ln], title))
    lines = [ln for ln in lines if not _is_date_line(ln) and not (title and _fold(ln) == _fold(title))]
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
    # The lead paragraph opens with the dateline; a caption or kicker above it goes.
    for i, line in enumerate(kept[:3]):
        m = _DATELINE.match(line)
        if m and len(m.group("dateline")) <= 50 and len(line) - m.end() >= 20:
            out.dateline = m.group("dateline").strip()
            rest = line[m.end():]
            kept[: i + 1] = [rest[:1].upper() + rest[1:]]
            break

    while kept:
        m = _DESK_CODES.search(kept[-1])
        if not m:
            break
        out.desk_codes.append(re.sub(r"\s+", "", m.group(1)))
        kept[-1] = kept[-1][: m.start()].rstrip()
        if not kept[-1]:
            kept.pop()
    out.desk_codes.reverse()
    # Okezone ends with its editor's name in parentheses: "(Dimas Andhika Fikri)".
    if len(kept) >= 2 and (m := _SIGNOFF_NAME.match(kept[-1])):
        out.signoff_editor = out.signoff_editor or m.group(1)
        kept.pop()
    out.body = "\n".join(ln for ln in kept if ln)
    return out


_TITLE_PARTS = re.compile(r"\s+[-|\u2013\u2014:]\s+|\s*\|\s*")
_PAGE_SUFFIX = re.compile(r"\s*[-|\u2013\u2014]?\s*\(?\b(halaman|page)\s+\d+\)?\s*$", re.IGNORECASE)
_TITLE_PREFIX = re.compile(r"^\s*([^:]{2,40}):\s+")
_SITE_WORDS = re.compile(r"(\.com|\.co\b|\.id\b|detik|kompas|tribun|tempo|antara|cnn|pahami|online|news$)", re.IGNORECASE)


def _is_site_label(part: str, site_names: set[str]) -> bool:
    folded = part.casefold()
    return bool(_SITE_WORDS.search(part)) or any(n.casefold() in folded for n in site_names if len(n) >= 4)


def strip_page_suffix(title: str) -> str:
    """"Judul - Halaman 2" -> "Judul": page 2 of a paged article has the same headline."""
    return _PAGE_SUFFIX.sub("", title)


def clean_title(title: str | None, site_names: set[str] | frozenset[str] = frozenset()) -> str | None:
    """Strip outlet labels from a headline: suffixes (" - Tribunnews.com", " | tempo.co",
    " | Republika Online") and prefixes ("KapanLagi.com: "), judged by site words and
    the outlet's own names."""
    if not title:
        return None
    t = re.sub(r"\s+", " ", title).strip()
    while True:
        t = strip_page_suffix(t)
        parts = _TITLE_PARTS.split(t)
        if len(parts) > 1 and len(parts[-1]) <= 40 and _is_site_label(parts[-1], site_names):
            t = t[: t.rfind(parts[-1])].rstrip(" -|:\u2013\u2014")
            continue
        m = _TITLE_PREFIX.match(t)
        if m and _is_site_label(m.group(1), site_names) and len(t) - m.end() >= 10:
            t = t[m.end():]
            continue
        return t or None

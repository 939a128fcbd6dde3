"""Bytes of a page to text, when the labels lie.

Outlets' headers and `<meta charset>` are often wrong: cp1252 bytes labelled UTF-8 in
both, UTF-8 bytes under an `iso-8859-1` header. So: a byte-order mark first; then UTF-8,
if the bytes are valid UTF-8 (text in another encoding almost never is); then the HTTP
label, then the meta label, each only if the bytes decode under it; last windows-1252,
dropping the five bytes it leaves undefined. Labels are read as browsers read them
(WHATWG: iso-8859-1 and ascii mean windows-1252), so no C1 control character comes out of
a page labelled Latin-1, and nothing is decoded with replacement characters."""
from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# WHATWG encoding labels that Python names otherwise (https://encoding.spec.whatwg.org/#names-and-labels).
_WHATWG = {
    "iso-8859-1": "windows-1252", "iso8859-1": "windows-1252", "iso_8859-1": "windows-1252", "latin1": "windows-1252",
    "latin-1": "windows-1252", "l1": "windows-1252", "cp819": "windows-1252", "ibm819": "windows-1252",
    "us-ascii": "windows-1252", "ascii": "windows-1252", "ansi_x3.4-1968": "windows-1252", "x-cp1252": "windows-1252",
    "iso-8859-9": "windows-1254", "latin5": "windows-1254", "tis-620": "windows-874", "iso-8859-11": "windows-874",
    "gb2312": "gbk", "x-gbk": "gbk", "x-sjis": "shift_jis", "euc-kr": "cp949", "ks_c_5601-1987": "cp949",
}


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    name = _WHATWG.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def meta_charset(body: bytes) -> str | None:
    m = _META.search(body[:8192])
    return m.group(1).decode("ascii") if m else None


def page_text(body: bytes, declared: str | None = None) -> str:
    """The page's text; `declared` is the charset of the HTTP Content-Type, if any."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body.decode(codec, errors="replace")
    for codec in dict.fromkeys(filter(None, ("utf-8", _codec(declared), _codec(meta_charset(body))))):
        try:
            return body.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("windows-1252", errors="ignore")

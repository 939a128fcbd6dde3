"""Tree preparation before trafilatura: page furniture out, loose text into paragraphs."""
from __future__ import annotations

from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement, Element

from transforms.clean import PRE_CLEAN_SELECTORS

INLINE_TAGS = frozenset({"a", "b", "strong", "i", "em", "span", "u", "sup", "sub", "small", "font", "abbr",
                         "cite", "q", "mark", "time", "s", "del", "ins", "code"})
MIN_LOOSE_CHARS = 40


def drop_furniture(tree: HtmlElement, extra_selectors: tuple[str, ...] = ()) -> None:
    for selector in PRE_CLEAN_SELECTORS + tuple(extra_selectors):
        for el in CSSSelector(selector)(tree):
            el.drop_tree()


def _loose_text(el: HtmlElement) -> int:
    return len((el.text or "").strip()) + sum(len((c.tail or "").strip()) for c in el)


def _has_block_child(el: HtmlElement) -> bool:
    return any(isinstance(c.tag, str) and (c.tag == "br" or c.tag not in INLINE_TAGS) for c in el)


def wrap_loose_text(tree: HtmlElement) -> None:
    """Give loose text its own <p> elements: text between <br>s or beside block children
    directly inside a container, and divs that hold only text (older detik, Kompas,
    ANTARA, Viva and KapanLagi templates). trafilatura's precision mode drops such
    loose runs, often the lead paragraph with its dateline."""
    text_divs = [el for el in tree.iter("div") if _loose_text(el) >= MIN_LOOSE_CHARS and not _has_block_child(el)]
    siblings: dict = {}
    for el in text_divs:
        siblings[el.getparent()] = siblings.get(el.getparent(), 0) + 1
    for el in text_divs:
        if siblings[el.getparent()] >= 2:  # a run of divs used as paragraphs; a lone one is a caption or teaser
            el.tag = "p"
    for el in list(tree.iter("div", "td", "section", "article", "span", "font")):
        if _loose_text(el) < MIN_LOOSE_CHARS or not _has_block_child(el):
            continue
        rebuilt: list[HtmlElement] = []
        current: HtmlElement | None = None

        def paragraph() -> HtmlElement:
            nonlocal current
            if current is None:
                current = Element("p")
            return current

        def close() -> None:
            nonlocal current
            if current is not None and (current.text_content().strip() or len(current)):
                rebuilt.append(current)
            current = None

        if el.text and el.text.strip():
            paragraph().text = el.text
        el.text = None
        for child in list(el):
            tail, child.tail = child.tail, None
            el.remove(child)
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "br" or (tag and tag not in INLINE_TAGS):
                close()
                if tag != "br":
                    rebuilt.append(child)
            else:
                paragraph().append(child)
            if tail and tail.strip():
                p = paragraph()
                if len(p):
                    p[-1].tail = (p[-1].tail or "") + tail
                else:
                    p.text = (p.text or "") + tail
        close()
        el.extend(rebuilt)

"""Tree preparation before trafilatura: page furniture out, loose text into paragraphs."""
from __future__ import annotations

from functools import lru_cache

from lxml.cssselect import CSSSelector
from lxml.html import Element, HtmlElement

# Page furniture of Indonesian outlets that is never article text: detik/CNN parallax ads
# and "linksisip" inserts, Kompas/Okezone/ANTARA "baca juga" boxes, Tribun "baca"
# paragraphs and summaries, paging widgets, share bars, comment blocks, photo captions.
# Matched in one pass over the tree (tags, exact class tokens, ids, id prefixes):
# dozens of CSS selectors cost a third of the extraction time.
FURNITURE_TAGS = frozenset({"script", "style", "noscript", "iframe", "figure", "figcaption", "ins"})
FURNITURE_CLASSES = frozenset({
    "parallaxindetail", "paradetail", "ads-scrollpage-container", "ads-placeholder", "ads-slot", "adsbygoogle",
    "linksisip", "lihatjg", "baca", "baca-juga", "baca-juga-box", "inject-baca-juga", "lihat-juga", "readmore",
    "ten-second", "detail__body-tag", "detail__long-nav", "paging", "pagination", "pagination-wrap",
    "share-wrapper", "newstag", "end-of-article", "summary-article", "related", "related-news",
    "artikel-terkait", "pilihan-list", "video-embed", "comment", "comments", "kompas-comment", "social-share",
    "caption", "img-caption", "image-caption", "photo-caption", "foto-caption", "wp-caption-text", "caption-text",
    "credit", "photo-credit", "caption_news", "footnote-wrap", "paywall", "premium-box",
    # embedded Instagram, TikTok and Facebook posts: captions and hashtags, not article text
    # (embedded tweets stay: the English benchmark's gold counts them as the article's)
    "instagram-media", "tiktok-embed", "fb-post", "fb-video",
})
# Class-name beginnings of "baca juga" blocks and their parts (Liputan6's
# "baca-juga-collections__detail", Kompas's "inject-baca-juga-box").
FURNITURE_CLASS_PREFIXES = ("baca-juga", "inject-baca-juga", "lihat-juga")
FURNITURE_IDS = frozenset({"baca-juga", "comments", "caption_news"})
FURNITURE_ID_PREFIXES = ("div-gpt-ad",)

INLINE_TAGS = frozenset({"a", "b", "strong", "i", "em", "span", "u", "sup", "sub", "small", "font", "abbr",
                         "cite", "q", "mark", "time", "s", "del", "ins", "code"})
MIN_LOOSE_CHARS = 40


def _is_furniture(el: HtmlElement) -> bool:
    if el.tag in FURNITURE_TAGS:
        return True
    classes = el.get("class")
    if classes and (not FURNITURE_CLASSES.isdisjoint(tokens := classes.split())
                    or any(t.startswith(FURNITURE_CLASS_PREFIXES) for t in tokens)):
        return True
    element_id = el.get("id")
    return bool(element_id) and (element_id in FURNITURE_IDS or element_id.startswith(FURNITURE_ID_PREFIXES))


@lru_cache(maxsize=256)
def _selector(css: str) -> CSSSelector:
    return CSSSelector(css)


def drop_furniture(tree: HtmlElement, extra_selectors: tuple[str, ...] = ()) -> None:
    """Remove furniture, plus a source's own `drop_selectors` (CSS) from its file."""
    doomed = [el for el in tree.iter() if isinstance(el.tag, str) and _is_furniture(el)]
    for css in extra_selectors:
        doomed.extend(_selector(css)(tree))
    for el in doomed:
        if el.getparent() is not None:
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
        _rebuild_as_paragraphs(el)


def _rebuild_as_paragraphs(el: HtmlElement) -> None:
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

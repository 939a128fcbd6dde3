"""The weight of a real outlet page around its article: measured on the shared real pages
(id-2016: median 63 KB, 795 elements, 196 links, 10 KB of inline script and style), the
mirror's own pages are ~5 KB with 68 elements, so a throughput figure over them times a
page a tenth of the size real ones have. `add_real_weight` puts what real pages carry
around the article: tag-manager and ad scripts, a stylesheet, a mega-menu, a most-read
sidebar, related-article teasers, an editor's-picks strip and a footer of links, each in
the containers outlets use for them."""
from __future__ import annotations

import json
import random

_SECTIONS = ("Berita", "Nasional", "Daerah", "Internasional", "Ekonomi", "Bisnis", "Olahraga", "Sepak Bola",
             "Otomotif", "Teknologi", "Hiburan", "Gaya Hidup", "Kesehatan", "Travel", "Kuliner", "Video", "Foto",
             "Edukasi", "Properti", "Hukum")
_TOPICS = ("Harga BBM", "Pilkada", "Timnas", "Cuaca Ekstrem", "Gempa", "IHSG", "Mudik", "KPK", "Banjir", "Beasiswa",
           "Piala Dunia", "Kereta Cepat", "Pajak", "Inflasi", "Rupiah", "Haji", "UMKM", "Stunting")
_WORDS = ("warga", "pemerintah", "kota", "harga", "naik", "turun", "jalan", "tol", "pasar", "sekolah", "banjir",
          "presiden", "menteri", "polisi", "pemain", "laga", "rumah", "sakit", "bandara", "kereta", "desa", "program")


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(7, 12))).capitalize()


def _teaser(host: str, n: int, rng: random.Random, css: str) -> str:
    slug = f"{host}/{rng.choice(_SECTIONS).lower().replace(' ', '-')}/d-{n}/{'-'.join(_title(rng).lower().split()[:6])}"
    return (f'<div class="{css}" data-id="{n}" data-track="{css}|{n}|{rng.randint(1, 20)}">'
            f'<a href="https://{slug}" class="{css}__link" onclick="_pt(this, \'{css}\', {n})">'
            f'<span class="{css}__media"><img src="https://cdn.example-img.id/thumb/{n}.jpg" alt="" loading="lazy" '
            f'width="120" height="80"></span><span class="{css}__box"><h3 class="{css}__title">{_title(rng)}</h3>'
            f'<span class="{css}__date">{rng.randint(1, 59)} menit yang lalu</span></span></a></div>')


def _head_weight(rng: random.Random) -> str:
    data_layer = {"event": "pageview", "site": "news", "kanal": rng.choice(_SECTIONS), "ads": {
        f"slot_{i}": {"path": f"/1234567/news/detail_{i}", "sizes": [[300, 250], [728, 90], [320, 100]],
                      "targeting": {"pos": f"p{i}", "kw": [rng.choice(_WORDS) for _ in range(6)]}}
        for i in range(24)}}
    style = "".join(f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{rng.randrange(16 ** 6):06x}}}" for i in range(60))
    loader = ("(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});"
              "var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;j.src='https://tag.example.id/gtm.js?id='+i;"
              "f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-XXXX');")
    return (f"<style>{style}</style><script>{loader}</script>"
            f"<script>window.dataLayer=window.dataLayer||[];dataLayer.push({json.dumps(data_layer)});</script>")


def add_real_weight(html: str, host: str, seed: int) -> str:
    """`html` with a real page's furniture around its article (deterministic in `seed`)."""
    rng = random.Random(seed)
    menu = "".join(
        f'<li class="nav__item"><a href="https://{host}/{s.lower().replace(" ", "-")}">{s}</a><ul class="nav__sub">'
        + "".join(f'<li><a href="https://{host}/{s.lower().replace(" ", "-")}/{t.lower().replace(" ", "-")}">{t}</a></li>'
                  for t in rng.sample(_TOPICS, 6)) + "</ul></li>" for s in _SECTIONS)
    trending = "".join(f'<a class="trending__tag" href="https://{host}/tag/{t.lower().replace(" ", "-")}">#{t}</a>'
                       for t in rng.sample(_TOPICS, 10))
    top = (f'<div class="ads-top" id="div-gpt-ad-top"></div><nav class="nav mega-menu"><ul>{menu}</ul></nav>'
           f'<div class="trending"><span>Trending</span>{trending}</div>')
    base = rng.randrange(7_100_000, 7_900_000)
    related = "".join(_teaser(host, base + i, rng, "list-content__item") for i in range(16))
    popular = "".join(f'<li class="most-read__item"><span class="most-read__no">{i + 1}</span>{_teaser(host, base + 50 + i, rng, "media")}</li>'
                      for i in range(10))
    picks = "".join(_teaser(host, base + 90 + i, rng, "pilihan") for i in range(12))
    footer = "".join(f'<li><a href="https://{host}/{w}">{w.replace("-", " ").title()}</a></li>' for w in (
        "redaksi", "pedoman-media-siber", "karir", "kotak-pos", "info-iklan", "privacy-policy", "disclaimer",
        "tentang-kami", "kontak", "sitemap", "rss", "indeks"))
    bottom = (f'<section class="related-articles"><h2 class="title">Berita Terkait</h2>{related}</section>'
              f'<aside class="sidebar"><div class="most-read"><h2>Terpopuler</h2><ol>{popular}</ol></div>'
              f'<div class="ads-sidebar" id="div-gpt-ad-side"></div></aside>'
              f'<section class="pilihan-redaksi"><h2>Pilihan Redaksi</h2>{picks}</section>'
              f'<div class="site-footer"><ul class="footer__links">{footer}</ul>'
              + "".join(f'<a class="social" href="https://social.example.id/{host}/{k}">{k}</a>'
                        for k in ("facebook", "x", "instagram", "youtube", "tiktok")) + "</div>")
    html = html.replace("</head>", _head_weight(rng) + "</head>", 1)
    html = html.replace("<body>", "<body>" + top, 1)
    return html.replace("</body>", bottom + "</body>", 1)

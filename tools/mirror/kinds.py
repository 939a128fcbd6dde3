"""Pages that are not a plain article, each in its outlet's structure: an ANTARA photo
gallery (the text is the captions), a Liputan6 video page (the text is the description
under the player) and a detik live report (timed updates, newest first, in a LiveBlogPosting).
Each is listed by its outlet's feed; the manifest holds what the lake must hold of it."""
from __future__ import annotations

from datetime import datetime, timedelta

from tools.mirror.html import ID_MONTHS, Page, esc, footer, head, ld, nav, paras_html, wib_long
from tools.mirror.site import slugify
from transforms.dates import WIB

GALLERY_CAPTIONS = [
    "Warga membersihkan lumpur yang masuk ke rumah mereka setelah banjir surut di Kampung Melayu, Jakarta Timur, Rabu (25/11/2026).",
    "Petugas pemadam kebakaran menyemprotkan air untuk membersihkan jalan permukiman yang tertutup lumpur setebal dua puluh sentimeter.",
    "Seorang relawan membagikan paket makanan dan air bersih kepada warga yang masih bertahan di posko pengungsian di sekitar bantaran kali.",
    "Anak-anak bermain di antara tumpukan perabot rumah tangga yang dijemur di pinggir jalan setelah terendam banjir selama dua hari.",
]
VIDEO_TEXT = [
    "Ribuan calon penumpang memadati Terminal Kampung Rambutan pada Rabu (25/11/2026) pagi menjelang libur panjang akhir pekan.",
    "Pengelola terminal menambah 40 armada bus cadangan untuk rute Jawa Tengah dan Jawa Timur, sementara petugas gabungan memeriksa kelaikan kendaraan sebelum berangkat.",
]
LIVE_UPDATES = [  # newest first, as the page shows them
    ("19:45", "Rapat paripurna ditutup setelah seluruh fraksi menyampaikan pandangan akhir terhadap rancangan undang-undang tersebut."),
    ("18:10", "Sebanyak tujuh fraksi menyatakan setuju, sementara dua fraksi meminta pembahasan sejumlah pasal dilanjutkan pada masa sidang berikutnya."),
    ("16:30", "Ketua DPR membuka rapat paripurna dengan agenda pengambilan keputusan tingkat dua atas rancangan undang-undang penyiaran."),
]


def gallery() -> tuple[Page, str]:
    published = datetime(2026, 11, 25, 11, 20, 0, tzinfo=WIB)
    title = "Warga Membersihkan Sisa Banjir di Kampung Melayu"
    p = Page(url=f"https://www.antaranews.com/foto/4899001/{slugify(title)}", source="antaranews", title=title,
             published=published, section="Foto", paragraphs=GALLERY_CAPTIONS, authors=["Asprilla Dwi Adha"],
             editor="Andi Firdaus", tags=["Foto", "BANJIR"], image="https://cdn.example-img.id/antaranews/foto-1.jpg")
    meta = ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
               "datePublished": published.isoformat(), "author": {"@type": "Person", "name": p.authors[0]},
               "publisher": {"@type": "Organization", "name": "ANTARA"}, "description": GALLERY_CAPTIONS[0][:150]})
    figures = "\n".join(f'<figure class="gallery-item"><img src="https://cdn.example-img.id/antaranews/foto-1-{i}.jpg" '
                        f'alt=""><figcaption>{esc(c)}</figcaption></figure>' for i, c in enumerate(GALLERY_CAPTIONS, 1))
    html = f"""{head(p, f"{title} - ANTARA News", title, meta)}
<body>
{nav("ANTARA News", ["Terkini", "Foto", "Video"])}
<div class="wrap__article-detail">
<h1 class="wrap__article-detail-title">{esc(title)}</h1>
<div class="wrap__article-detail-info"><span>{wib_long(published)}</span></div>
<div class="wrap__article-detail-content post-content gallery">
{figures}
</div>
<p class="text-muted small mt-2">Pewarta Foto: {esc(p.authors[0])}<br>Editor: {esc(p.editor)}</p>
</div>
{footer("ANTARA")}
</body></html>"""
    return p, html


def video() -> tuple[Page, str]:
    published = datetime(2026, 11, 25, 9, 5, 0, tzinfo=WIB)
    title = "VIDEO: Terminal Kampung Rambutan Dipadati Pemudik Jelang Libur Panjang"
    p = Page(url=f"https://www.liputan6.com/news/read/6299001/{slugify(title)}", source="liputan6", title=title,
             published=published, section="News", paragraphs=VIDEO_TEXT, authors=["Yohana Artha Uly"],
             editor="", tags=["Video", "MUDIK"], image="https://cdn.example-img.id/liputan6/video-1.jpg")
    stamp = f"{published.day} {ID_MONTHS[published.month - 1]} {published.year}, {published:%H:%M} WIB"
    meta = (f'<meta property="article:published_time" content="{published.isoformat()}">'
            + ld({"@context": "https://schema.org", "@type": "VideoObject", "name": title,
                  "uploadDate": published.isoformat(), "description": VIDEO_TEXT[0],
                  "thumbnailUrl": p.image, "contentUrl": "https://www.vidio.com/embed/6299001"}))
    html = f"""{head(p, f"{title} - News Liputan6.com", title, meta)}
<body>
{nav("Liputan6", ["News", "Bisnis", "Bola", "Tekno", "Showbiz"])}
<article class="main" role="main">
<header class="read-page--header">
<h1 class="read-page--header--title entry-title">{esc(title)}</h1>
<div class="read-page-box__author"><div class="read-page-box__author__datetime">
<div class="read-page-box__author__datetime__wrapper"><span>Oleh</span>
<a href="https://www.liputan6.com/author/{esc(slugify(p.authors[0]))}" class="read-page-box__author__name">{esc(p.authors[0])}</a></div>
<span class="read-page-box__author__updated">Diterbitkan {stamp}</span></div></div>
</header>
<div class="read-page--video-gallery"><iframe src="https://www.vidio.com/embed/6299001" allowfullscreen></iframe></div>
<div class="article-content-body article-content-body_with-aside"><div class="article-content-body__item-page" data-page="1">
<div class="article-content-body__item-content">{"".join(paras_html(VIDEO_TEXT))}</div></div></div>
<div class="read-page--related-video"><h3>Video Terkini</h3><ul><li><a href="https://www.liputan6.com/news/read/6298990/video-lain">Video lain yang sedang ramai ditonton</a></li></ul></div>
</article>
{footer("Liputan6.com")}
</body></html>"""
    return p, html


def live_report() -> tuple[Page, str]:
    day = datetime(2026, 11, 25, tzinfo=WIB)
    times = [day + timedelta(hours=int(t[:2]), minutes=int(t[3:])) for t, _ in LIVE_UPDATES]
    published = times[-1]  # the report opens with its first (oldest) update
    title = "Live Update: Rapat Paripurna DPR Putuskan RUU Penyiaran"
    p = Page(url=f"https://news.detik.com/berita/d-7100001/{slugify(title)}", source="detik", title=title,
             published=published, section="Berita", paragraphs=[text for _, text in LIVE_UPDATES],
             authors=["Firda Cynthia Anggrainy"], editor="Dhani Irawan", tags=["DPR", "LIVE"],
             image="https://cdn.example-img.id/detik/live-1.jpg")
    meta = ld({"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": title,
               "datePublished": published.isoformat(), "coverageStartTime": published.isoformat(),
               "dateModified": times[0].isoformat(), "author": [{"@type": "Person", "name": p.authors[0]}],
               "publisher": {"@type": "Organization", "name": "detikcom"},
               "liveBlogUpdate": [{"@type": "BlogPosting", "datePublished": t.isoformat(), "articleBody": text}
                                  for t, (_, text) in zip(times, LIVE_UPDATES)]})
    updates = "\n".join(f'<div class="live-update"><div class="live-update__time">{hm} WIB</div>'
                        f'<div class="live-update__text"><p>{esc(text)}</p></div></div>' for hm, text in LIVE_UPDATES)
    html = f"""{head(p, f"{title}", title, meta)}
<body>
{nav("detikNews", ["Berita", "Daerah", "Internasional", "Live"])}
<article class="detail">
<div class="detail__header"><h1 class="detail__title">{esc(title)}</h1>
<div class="detail__author">{esc(p.authors[0])} - detikNews</div>
<div class="detail__date">{wib_long(published)}</div></div>
<div class="detail__body-text live-report">
{updates}
</div>
</article>
{footer("detikcom")}
</body></html>"""
    return p, html


def all_kinds() -> dict[str, tuple[Page, str]]:
    """kind -> (the page as the manifest knows it, its HTML)."""
    return {"gallery": gallery(), "video": video(), "live": live_report()}

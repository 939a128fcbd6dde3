"""The report as one self-contained HTML page: inline CSS and SVG, no script, no
external file, so it opens anywhere (a mail attachment, a CI artefact, a file:// URL)
and draws the same in every browser. Each chart's marks carry their numbers as data-*
attributes, so a test can read what was drawn."""
from __future__ import annotations

from html import escape

CELL_W, CELL_H, LABEL_W, HEAD_H = 46, 22, 130, 58
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1"]


def _e(value) -> str:
    return escape(str(value), quote=True)


def _share_colour(share: float) -> str:
    """Red (nothing of what was listed) through yellow to green (all of it)."""
    share = max(0.0, min(1.0, share))
    red, green = (230, int(80 + 150 * share / 0.5)) if share < 0.5 else (int(230 - 180 * (share - 0.5) / 0.5), 200)
    return f"rgb({red},{green},80)"


def _count_colour(count: int, most: int) -> str:
    """Blue, darker with more articles; grey for none."""
    if count == 0:
        return "#e8e8e8"
    light = int(225 - 150 * count / max(most, 1))
    return f"rgb({light},{light + 15},245)"


def heatmap(data: dict) -> str:
    days, sources, cells = data["days"], data["sources"], data["cells"]
    most = max((c["in_lake"] for c in cells), default=0)
    width, height = LABEL_W + CELL_W * len(days), HEAD_H + CELL_H * len(sources)
    parts = [f'<svg id="heatmap" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="coverage per source and day">']
    for j, day in enumerate(days):
        x = LABEL_W + CELL_W * j + CELL_W / 2
        parts.append(f'<text x="{x}" y="{HEAD_H - 8}" class="day" transform="rotate(-45 {x} {HEAD_H - 8})">{day[5:]}</text>')
    for i, source in enumerate(sources):
        parts.append(f'<text x="{LABEL_W - 6}" y="{HEAD_H + CELL_H * i + 15}" class="label">{_e(source)}</text>')
    for k, c in enumerate(cells):
        i, j = divmod(k, len(days))
        x, y = LABEL_W + CELL_W * j, HEAD_H + CELL_H * i
        if c["listed"]:
            fill, text = _share_colour(c["listed_in_lake"] / c["listed"]), f'{c["listed_in_lake"]}/{c["listed"]}'
        else:
            fill, text = _count_colour(c["in_lake"], most), str(c["in_lake"] or "")
        title = (f'{c["source"]} {c["day"]}: {c["in_lake"]} in the lake'
                 + (f', {c["listed_in_lake"]} of {c["listed"]} listed' if c["listed"] is not None else ", no listing")
                 + (f' ({c["state"]})' if c["state"] else ""))
        parts.append(f'<rect class="cell" x="{x}" y="{y}" width="{CELL_W - 2}" height="{CELL_H - 2}" fill="{fill}" '
                     f'data-source="{_e(c["source"])}" data-day="{c["day"]}" data-in-lake="{c["in_lake"]}" '
                     f'data-listed="{"" if c["listed"] is None else c["listed"]}"><title>{_e(title)}</title></rect>')
        parts.append(f'<text x="{x + CELL_W / 2 - 1}" y="{y + 15}" class="num">{text}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bars(chart_id: str, days: list[str], series: list[str], rows: list[dict], height: int = 160) -> str:
    """Stacked bars, one per day; `rows[d][series]` the counts."""
    totals = [sum(r[s] for s in series) for r in rows]
    most, width = max(totals, default=0) or 1, LABEL_W + CELL_W * len(days)
    parts = [f'<svg id="{chart_id}" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 40}">']
    for j, (day, row) in enumerate(zip(days, rows)):
        x, top = LABEL_W + CELL_W * j, height
        for k, s in enumerate(series):
            h = height * row[s] / most
            if row[s]:
                top -= h
                parts.append(f'<rect class="bar" x="{x}" y="{top:.1f}" width="{CELL_W - 6}" height="{h:.1f}" '
                             f'fill="{PALETTE[k % len(PALETTE)]}" data-day="{day}" data-series="{_e(s)}" '
                             f'data-count="{row[s]}"><title>{day} {_e(s)}: {row[s]}</title></rect>')
        parts.append(f'<text x="{x + CELL_W / 2 - 3}" y="{height + 14}" class="num">{day[5:]}</text>')
        parts.append(f'<text x="{x + CELL_W / 2 - 3}" y="{max(top - 3, 10):.1f}" class="num">{totals[j] or ""}</text>')
    parts.append("</svg>")
    legend = "".join(f'<span class="key"><i style="background:{PALETTE[k % len(PALETTE)]}"></i>{_e(s)}</span>'
                     for k, s in enumerate(series))
    return "".join(parts) + f'<div class="legend">{legend}</div>'


def table(table_id: str, columns: list[tuple[str, str]], rows: list[dict]) -> str:
    head = "".join(f"<th>{_e(title)}</th>" for _, title in columns)
    body = "".join("<tr>" + "".join(f"<td>{_e('' if r.get(k) is None else r.get(k))}</td>" for k, _ in columns) + "</tr>"
                   for r in rows)
    return f'<table id="{table_id}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def render(data: dict) -> str:
    days, cells = data["days"], data["cells"]
    in_lake = {(c["source"], c["day"]): c["in_lake"] for c in cells}
    per_source_rows = [{"day": d, **{s: in_lake[(s, d)] for s in data["sources"]}} for d in days]
    totals = {s: sum(r[s] for r in per_source_rows) for s in data["sources"]}
    top_sources = sorted(data["sources"], key=lambda s: -totals[s])[:len(PALETTE) - 1]
    folded = [{"day": r["day"], **{s: r[s] for s in top_sources},
               "other sources": sum(r[s] for s in data["sources"] if s not in top_sources)} for r in per_source_rows]
    series = top_sources + (["other sources"] if len(data["sources"]) > len(top_sources) else [])
    unhealthy = [f for f in data["feeds"] if f["health"] != "ok"]
    clusters = data["clusters"]
    sizes = ", ".join(f"{v} × {k} articles" for k, v in clusters["sizes"].items()) or "none"
    summary = (f'<p id="summary"><b data-articles="{data["articles"]}">{data["articles"]}</b> articles from '
               f'<b>{len(data["sources"])}</b> sources, {days[0]} to {days[-1]}; '
               f'<b data-rejects="{data["rejects"]["total"]}">{data["rejects"]["total"]}</b> rejects; '
               f'<b data-failing="{len(unhealthy)}">{len(unhealthy)}</b> of {len(data["feeds"])} feeds and sitemaps '
               f'not ok. Lake {_e(data["lake"])}, made {data["generated_at"]}.</p>')
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kabar report {days[0]} to {days[-1]}</title>
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; }}
h1 {{ font-size: 20px; }} h2 {{ font-size: 16px; margin-top: 28px; }}
svg text {{ font: 11px system-ui, sans-serif; }} svg .label {{ text-anchor: end; }} svg .num {{ text-anchor: middle; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ddd; padding: 3px 8px; text-align: left; }}
.legend {{ margin: 4px 0 0 {LABEL_W}px; }} .key {{ margin-right: 12px; }}
.key i {{ display: inline-block; width: 10px; height: 10px; margin-right: 4px; }}
.note {{ color: #666; }}
</style></head><body>
<h1>kabar: what the lake holds, {days[0]} to {days[-1]}</h1>
{summary}
<h2>Coverage per source and day</h2>
<p class="note">Green to red: the share of what the dated index and sitemaps listed that is in the lake (in/listed).
Blue: articles in the lake on a day nothing listed (feeds only). Publication days in the source's zone.</p>
{heatmap(data)}
<h2>Articles per day</h2>
{bars("per-day", days, series, folded)}
<h2>Reject reasons per day</h2>
{bars("rejects", days, data["rejects"]["reasons"], data["rejects"]["per_day"]) if data["rejects"]["total"]
 else '<p id="rejects">No rejects.</p>'}
<h2>Feeds and sitemaps not ok</h2>
{table("feeds", [("source", "source"), ("url", "url"), ("health", "health"), ("since", "since"),
                 ("last_error", "last error")], unhealthy) if unhealthy
 else f'<p id="feeds">All {len(data["feeds"])} feeds and sitemaps ok.</p>'}
<h2>Near-duplicate clusters</h2>
<p id="cluster-sizes">Window ending {clusters["window_end"] or "-"}: clusters by size: {sizes}.</p>
{table("largest-clusters", [("size", "articles"), ("title", "title"), ("sources", "sources"), ("cluster_id", "cluster")],
       [{**c, "sources": ", ".join(c["sources"])} for c in clusters["largest"]])}
</body></html>
"""

"""Coverage: per source and day, what the index pages and sitemaps listed (as stored by
backfill), what the lake holds of it, what is missing."""
from __future__ import annotations

from datetime import date

from flows.backfill import day_state_name, days_between
from flows.settings import Settings
from spiders.registry import load_sources
from storage.index import KnownArticles
from transforms.records import Candidate


def coverage(lake_root: str, sources: list[str] | None, date_from: str, date_to: str,
             sources_dir: str | None = None, settings: Settings | None = None) -> list[dict]:
    """Rows {source, day, complete, state, why, listed, in_lake, missing}; days never
    listed have `listed=None`; a day whose index refused us is `blocked`, one whose index
    went on past the page cap `cut`, with why."""
    settings = settings or Settings.from_env()
    lake = settings.open_lake(lake_root)
    rows = []
    for sid in load_sources(sources_dir or settings.sources_dir, only=sources):
        known = KnownArticles.of_source(lake, sid)
        for day in days_between(date.fromisoformat(date_from), date.fromisoformat(date_to)):
            state = lake.read_state(day_state_name(sid, day.isoformat()))
            listed = state.get("listed")
            ids = {Candidate.from_dict(c).article_id for c in listed} if listed is not None else None
            rows.append({"source": sid, "day": day.isoformat(), "complete": bool(state.get("complete")),
                         "state": _state_of(state),
                         "why": (state.get("blocked") or state.get("cut") or {}).get("why"),
                         "listed": len(ids) if ids is not None else None,
                         "in_lake": len(ids & known.ids) if ids is not None else None,
                         "missing": len(ids - known.ids) if ids is not None else None})
    return rows


def _state_of(state: dict) -> str | None:
    if state.get("complete"):
        return "complete"
    return "blocked" if state.get("blocked") else ("cut" if state.get("cut") else None)

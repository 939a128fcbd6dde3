"""Rows of several units of one source, gathered and written together: a backfill writes
its days in batches, so that a run leaves one file per partition it touched instead of
one per day and partition. Order on write, as for a single unit: articles and their index,
raw pages, rejects, the units' run rows, and last the states that mark the units done.
A crash before the states are written leaves those units to be done again; the
known-article filter then adds nothing twice."""
from __future__ import annotations

from flows.collect import Fetched, write_fetched, write_run_rows
from flows.context import RunContext, utc_now
from storage.index import SourceIndex
from storage.lake import Lake, content_key
from transforms.records import UnitReport
from transforms.urls import article_id


class Batch:
    def __init__(self, lake: Lake, index: SourceIndex, ctx: RunContext, refresh: bool = False):
        self.lake, self.index, self.ctx, self.refresh = lake, index, ctx, refresh
        self._parts: list[tuple[UnitReport, Fetched | None, tuple[str, dict] | None]] = []
        self.ids: set[str] = set()  # every id the gathered articles are known by (theirs and their URL's)
        self.rows = 0
        self.raw_pages = lake.spool("raw_pages", str(ctx.workdir))  # on local disk until written: pages are big
        self.raw_files: list[str] = []  # raw-page files the batches wrote, merged by `finish`

    def add(self, report: UnitReport, fetched: Fetched | None, state: tuple[str, dict] | None = None) -> None:
        """A unit's report, what it fetched, and (name, state) to write last: the state
        that marks it done ("complete": the counts are added)."""
        self._parts.append((report, fetched, state))
        if fetched is not None:
            self.raw_pages.add(fetched.raw_pages)
            fetched.raw_pages = []
            for row in fetched.articles:
                self.ids |= {row["article_id"], article_id(row["url"])}
            self.rows += len(fetched.articles)

    def write(self) -> list[UnitReport]:
        """Write everything gathered; returns the units' reports with their counts."""
        if not self._parts:
            return []
        parts, self._parts, self.ids, self.rows = self._parts, [], set(), 0
        reports = [report for report, _, _ in parts]
        name = f"{reports[0].source}-{reports[0].day}" + (f"..{reports[-1].day}" if len(reports) > 1 else "")
        together = Fetched()
        for _, fetched, _ in parts:
            if fetched is not None:
                together.articles += fetched.articles
                together.rejections += fetched.rejections
                together.pages += fetched.pages
        written = write_fetched(self.lake, self.index, self.ctx, name, together, [], refresh=self.refresh,
                                raw_spool=self.raw_pages)
        self.raw_files += written.raw_files
        for report, fetched, _ in parts:
            if fetched is not None:
                ids = {row["article_id"] for row in fetched.articles}
                report.written, report.updated = len(ids & written.new), len(ids & written.changed)
                report.count_rejects(fetched.rejections)
        write_run_rows(self.lake, self.ctx, reports, name)
        for report, _, named in parts:
            if named is not None:
                state_name, state = named
                done = {"finished_at": utc_now().isoformat(), "written": report.written, "updated": report.updated,
                        "rejected": report.rejected} if state.get("complete") else {}
                self.lake.write_state(state_name, {**state, **done})
        return reports

    def finish(self) -> None:
        """After the last write: the raw pages of all batches as one file per partition
        (a run's pages of a source share one partition, whatever the batch size)."""
        if len(self.raw_files) > 1:
            self.lake.merge_files("raw_pages", self.raw_files, content_key([f"{self.ctx.run_id}-{self.index.source}-raw"]))
        self.raw_files = []

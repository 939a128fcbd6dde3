"""How a run ends: a markdown artifact with what each unit did, a failed flow state when a
unit needs attention (so Prefect's alerts fire), and one way for callers to get the
reports either way."""
from __future__ import annotations

from collections import Counter

from flows.context import RunContext
from transforms.records import UnitStatus

COLUMNS = ("source", "day", "status", "feeds_polled", "feeds_not_modified", "discovered", "skipped_known", "fetched",
           "written", "updated", "rejected", "waited_seconds")


class UnitsFailed(Exception):
    """Some units of a run did not end ok; `reports` holds every unit's report."""

    def __init__(self, message: str, reports: list[dict]):
        super().__init__(message, reports)
        self.message, self.reports = message, reports

    def __str__(self) -> str:
        return self.message


def problems(reports: list[dict]) -> list[dict]:
    return [r for r in reports if not UnitStatus(r["status"]).fine]


def _unit(r: dict) -> str:
    return f"{r['source']} {r['day']}" if r.get("day") else r["source"]


def _listing(reports: list[dict]) -> str:
    return ", ".join(f"{_unit(r)} {r['status']}" for r in reports)


def run_markdown(ctx: RunContext, reports: list[dict]) -> str:
    """The run's summary for people: counts per unit, reject reasons, failed feeds, errors."""
    bad = problems(reports)
    verdict = f"**{len(bad)} not ok** ({_listing(bad)})." if bad else "all ok."
    lines = [f"# {ctx.flow} run `{ctx.run_id}`", "",
             f"Lake `{ctx.lake_root}`, worker `{ctx.settings.worker}`: {len(reports)} units, {verdict}",
             "", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for r in reports:
        lines.append("| " + " | ".join("" if r.get(c) is None else str(r.get(c)) for c in COLUMNS) + " |")
    reasons = Counter()
    for r in reports:
        reasons.update({(r["source"], k): v for k, v in (r.get("reject_reasons") or {}).items()})
    if reasons:
        lines += ["", "## Rejected URLs by reason", "", "| source | reason | URLs |", "|---|---|---|"]
        lines += [f"| {s} | {reason} | {n} |" for (s, reason), n in sorted(reasons.items())]
    feeds = [(r["source"], f) for r in reports for f in r.get("failed_feeds") or []]
    if feeds:
        lines += ["", "## Feeds and sitemaps that failed", ""] + [f"- {s}: {f}" for s, f in feeds]
    errors = [r for r in reports if r.get("error")]
    if errors:
        lines += ["", "## Errors", ""] + [f"- {_unit(r)} ({r['status']}): {r['error']}" for r in errors]
    return "\n".join(lines) + "\n"


def finish(ctx: RunContext, reports: list[dict]) -> list[dict]:
    """Publish the run's artifact; raise UnitsFailed (a failed flow run) when a unit needs
    attention, else return the reports."""
    from prefect.artifacts import create_markdown_artifact

    create_markdown_artifact(key=f"{ctx.flow}-run", markdown=run_markdown(ctx, reports),
                             description=f"{ctx.flow} run {ctx.run_id}")
    bad = problems(reports)
    if bad:
        raise UnitsFailed(f"{len(bad)} of {len(reports)} units did not end ok: {_listing(bad)}", reports)
    return reports


def run_flow(flow, **parameters) -> list[dict]:
    """Run a flow and return its reports, whether it ended Completed or Failed with
    UnitsFailed; any other failure is raised."""
    state = flow(**parameters, return_state=True)
    result = state.result(raise_on_failure=False)
    if isinstance(result, UnitsFailed):
        return result.reports
    if isinstance(result, BaseException):
        raise result
    return result

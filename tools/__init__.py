"""Programs that make the project's data, run by hand when it should change: the offline
mirror's generator (`python -m tools.mirror`) and the per-source page fixtures'
expected extractions (`python -m tools.page_fixtures`)."""

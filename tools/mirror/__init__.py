"""The offline mirror's generator: outlets replayed from story templates in their 2026
page structures, written to data/mirror/ (sites/, routes.json, manifest.json).

Each outlet is one module in outlets/ (its page template, URLs, feeds, index pages); the
cross-outlet cases (a syndicated copy, the Pahami.id sample, a multi-page article, pages
that must be rejected) are in cases.py; build.py puts them together."""

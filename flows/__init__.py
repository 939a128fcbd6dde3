"""Wiring: settings (the only reader of the environment), run context and bookkeeping, the
Prefect flows, and the command line. Uses spiders, storage and transforms."""

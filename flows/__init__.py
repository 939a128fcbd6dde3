"""Prefect flows and the command line: wiring of spiders/ and transforms/, retries, runs."""

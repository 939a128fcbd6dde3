"""Storage: the Parquet lake on a local disk or S3 — its tables, the one atomic publish,
and the small JSON state files. Flows use it; transforms and spiders never do."""

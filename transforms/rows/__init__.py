"""The lake's tables as data: their schemas (the contract) and the builders of their rows."""

# The writer's schema version, in every row. Here rather than in schema.py so that the row
# builders (which the extraction processes run) need not import pyarrow, ~27 MB a process.
SCHEMA_VERSION = 1

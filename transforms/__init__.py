"""Pure steps of the pipeline: bytes and records in, records out.

The lake module is the only one here that does I/O.
"""

"""Pure steps of the pipeline: bytes and records in, records out. No filesystem, no
environment, no clock (time comes in as an argument); a test checks it."""

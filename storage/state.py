"""Small JSON state beside the tables, under `_state/` (readers of the tables skip "_"):
feed validators and pending retries per source, finished backfill days."""
from __future__ import annotations

import json

from storage.filesystem import LakeFiles


class StateFiles:
    def __init__(self, files: LakeFiles):
        self.files = files

    def _path(self, name: str) -> str:
        return self.files.path("_state", f"{name}.json")

    def read(self, name: str) -> dict:
        """The named state, or {} when it was never written."""
        data = self.files.read_bytes(self._path(name))
        return json.loads(data.decode("utf-8")) if data is not None else {}

    def write(self, name: str, state: dict) -> None:
        data = json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8")
        self.files.publish(self._path(name), lambda sink: sink.write(data))

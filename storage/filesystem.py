"""Where the lake lives (a local path or s3://bucket/prefix) and the one way a file is
published there: it appears under its final name only when complete. Locally it is
written under a dot-name (which readers skip) and renamed; on S3 a single PUT of the
final key is already atomic, so it is written there directly (S3 has no rename)."""
from __future__ import annotations

import os
import posixpath
import socket
import time
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pyarrow.fs as pafs


_HOST = socket.gethostname().replace("-", "").replace("_", "")[:32] or "host"  # in staging names, with the pid


def process_alive(pid: int) -> bool:
    """Whether a process of this machine runs (one of another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _writer_gone(name: str) -> bool:
    """Whether a staging file's writer was a process of this host that no longer runs."""
    writer = name[1:].split("-", 1)[0]
    host, _, pid = writer.rpartition("_")
    return host == _HOST and pid.isdigit() and int(pid) != os.getpid() and not process_alive(int(pid))


@dataclass(frozen=True)
class S3Options:
    """How to reach an S3-compatible store; credentials come from the AWS SDK's own chain."""
    endpoint: str | None = None  # host:port or a URL; None is AWS itself
    region: str = "us-east-1"


class LakeFiles:
    """The files under a lake root: paths, listing, atomic publishing, deletion."""

    def __init__(self, root: str, s3: S3Options = S3Options()):
        self.root = root
        if root.startswith("s3://"):
            parts = urlsplit(root)
            kwargs: dict[str, Any] = {"region": s3.region}
            if s3.endpoint:
                endpoint = urlsplit(s3.endpoint if "://" in s3.endpoint else f"http://{s3.endpoint}")
                kwargs.update(endpoint_override=endpoint.netloc, scheme=endpoint.scheme)
            self.fs: pafs.FileSystem = pafs.S3FileSystem(**kwargs)
            self.base = posixpath.join(parts.netloc, parts.path.strip("/")).rstrip("/")
        else:
            self.fs, self.base = pafs.LocalFileSystem(), os.path.abspath(root)
        self.is_object_store = self.fs.type_name == "s3"

    def path(self, *parts: str) -> str:
        return posixpath.join(self.base, *parts) if self.is_object_store else os.path.join(self.base, *parts)

    def dirname(self, path: str) -> str:
        return posixpath.dirname(path) if self.is_object_store else os.path.dirname(path)

    def exists(self, path: str) -> bool:
        return self.fs.get_file_info(path).type != pafs.FileType.NotFound

    def publish(self, target: str, write) -> None:
        """Make `target` appear complete or not at all; `write(sink)` writes its bytes."""
        if self.is_object_store:
            with self.fs.open_output_stream(target) as sink:
                write(sink)
            return
        directory = os.path.dirname(target)
        os.makedirs(directory, exist_ok=True)
        staging = os.path.join(directory, f".{_HOST}_{os.getpid()}-{uuid.uuid4().hex[:12]}.tmp")
        try:
            with open(staging, "wb") as sink:
                write(sink)
                sink.flush()
                os.fsync(sink.fileno())
            os.replace(staging, target)  # atomic on one filesystem
        finally:
            if os.path.exists(staging):
                os.unlink(staging)

    def read_bytes(self, path: str) -> bytes | None:
        """The file's bytes, or None when it does not exist."""
        try:
            with self.fs.open_input_stream(path) as f:
                return f.read()
        except FileNotFoundError:
            return None
        except OSError:  # pyarrow raises OSError subclasses for a missing S3 key
            if not self.exists(path):
                return None
            raise

    def listing(self, directory: str, recursive: bool = False) -> list[pafs.FileInfo]:
        """What a directory holds; nothing when it does not exist. Asked again when the
        directory appeared while it was listed: Arrow reports a directory that another
        writer created between its failed listing and its existence check as not found."""
        for attempt in range(3):
            try:
                return self.fs.get_file_info(pafs.FileSelector(directory, recursive=recursive, allow_not_found=True))
            except FileNotFoundError:
                if attempt == 2:
                    raise
        return []

    def parquet_files(self, directory: str, recursive: bool) -> list[str]:
        """Published Parquet files under a directory (staging dot-files and _-names skipped)."""
        infos = self.listing(directory, recursive)
        return sorted(i.path for i in infos if i.type == pafs.FileType.File and i.base_name.endswith(".parquet")
                      and not i.base_name.startswith((".", "_")))

    def delete(self, path: str) -> None:
        self.fs.delete_file(path)

    def check_writable(self) -> str | None:
        """Why files cannot be published under the root, or None. Local: the root is (or
        can be made) a directory we can write in. S3 is left to the first write."""
        if self.is_object_store:
            return None
        if os.path.exists(self.base) and not os.path.isdir(self.base):
            return f"{self.base} is a file, not a directory"
        try:
            os.makedirs(self.base, exist_ok=True)
            probe = os.path.join(self.base, f".write-test-{uuid.uuid4().hex}.tmp")
            with open(probe, "wb"):
                pass
            os.unlink(probe)
        except OSError as exc:
            return f"cannot write in {self.base}: {exc.strerror or exc}"
        return None

    def sweep_staging(self, older_than: float) -> int:
        """Delete staging files (`.<host>_<pid>-<id>.tmp`) left by killed writers: those of a
        process of this host that is gone, and any untouched for `older_than` seconds (a
        writer on another host, or an older name). Local disks only (S3 has no staging
        files). Returns how many were deleted."""
        if self.is_object_store or not os.path.isdir(self.base):
            return 0
        cutoff, removed = time.time() - older_than, 0
        for directory, _, names in os.walk(self.base):
            for name in names:
                if name.startswith(".") and name.endswith(".tmp"):
                    path = os.path.join(directory, name)
                    try:
                        if _writer_gone(name) or os.path.getmtime(path) < cutoff:
                            os.unlink(path)
                            removed += 1
                    except OSError:
                        continue  # gone meanwhile
        return removed

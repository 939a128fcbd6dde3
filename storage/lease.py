"""One writer at a time: leases kept in the lake under `_leases/<name>.json`.

A lease names its owner and when it expires. It is taken by an atomic create or an atomic
compare-and-swap — an exclusive create and `flock` on a local disk, a conditional PUT
(`If-None-Match: *`, `If-Match: <etag>`) on S3 — so two processes on any machines never
both hold it. The holder renews it in the background while it works; a holder that dies
stops renewing, and after `ttl` seconds the next taker replaces its expired lease (at
once, when the dead holder was a process of the same machine). Every take is read back
before it counts, so a store whose conditional writes race (a test server) still gives
one holder. Expiry compares wall clocks: keep the machines' clocks
within a few seconds (NTP).
"""
from __future__ import annotations

import fcntl
import json
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit

from storage.filesystem import LakeFiles, S3Options, process_alive

DIRECTORY = "_leases"


def _machine() -> str:
    """This machine as a holder names it: its hostname and, where Linux says it, its boot
    id (two machines that share a hostname are still two)."""
    try:
        with open("/proc/sys/kernel/random/boot_id") as f:
            boot = f.read().strip()[:8]
    except OSError:
        boot = ""
    return f"{socket.gethostname()}/{boot}" if boot else socket.gethostname()


HOST = _machine()


@dataclass(frozen=True)
class LeaseRecord:
    name: str
    owner: str
    token: str
    acquired_at: float
    expires_at: float
    host: str = ""  # the holder's machine and process: a dead holder on this machine frees it at once
    pid: int = 0

    def expired(self, now: float) -> bool:
        return self.expires_at <= now or (self.host == HOST and self.pid > 0 and not process_alive(self.pid))

    def describe(self) -> str:
        until = datetime.fromtimestamp(self.expires_at, timezone.utc).strftime("%H:%M:%S UTC")
        return f"held by {self.owner} until {until}"


class LeaseBusy(RuntimeError):
    """The lease stayed with another holder for as long as we were willing to wait."""

    def __init__(self, name: str, holder: LeaseRecord | None, waited: float):
        super().__init__(f"{name} is {holder.describe() if holder else 'held'}; waited {waited:.0f} s")
        self.holder, self.waited = holder, waited


class _LocalStore:
    """Lease files on a local disk; a short `flock` makes each read-compare-write atomic."""

    def __init__(self, files: LakeFiles):
        self.files = files
        self.directory = files.path(DIRECTORY)

    def _path(self, name: str) -> str:
        return os.path.join(self.directory, f"{name}.json")

    def read(self, name: str) -> tuple[dict | None, str | None]:
        try:
            with open(self._path(name), encoding="utf-8") as f:
                data = json.load(f)
        except (FileNotFoundError, json.JSONDecodeError):
            return None, None
        return data, data.get("token")

    def write(self, name: str, record: dict, expected: str | None) -> bool:
        """Write `record` if the stored version is `expected` (None: no lease stored)."""
        os.makedirs(self.directory, exist_ok=True)
        with open(os.path.join(self.directory, f".{name}.lock"), "a") as guard:
            fcntl.flock(guard, fcntl.LOCK_EX)
            _, version = self.read(name)
            if version != expected:
                return False
            data = json.dumps(record).encode("utf-8")
            self.files.publish(self._path(name), lambda sink: sink.write(data))
            return True


class _S3Store:
    """Lease objects on S3, replaced only by conditional PUTs."""

    def __init__(self, files: LakeFiles, s3: S3Options):
        import boto3
        from botocore.exceptions import ClientError

        parts = urlsplit(files.root)
        self.bucket, self.prefix = parts.netloc, "/".join(p for p in (parts.path.strip("/"), DIRECTORY) if p)
        endpoint = s3.endpoint if not s3.endpoint or "://" in s3.endpoint else f"http://{s3.endpoint}"
        self.client = boto3.client("s3", endpoint_url=endpoint, region_name=s3.region)
        self.client_error = ClientError

    def _key(self, name: str) -> str:
        return f"{self.prefix}/{name}.json"

    def read(self, name: str) -> tuple[dict | None, str | None]:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._key(name))
        except self.client_error as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None, None
            raise
        return json.loads(answer["Body"].read()), answer["ETag"]

    def write(self, name: str, record: dict, expected: str | None) -> bool:
        condition = {"IfMatch": expected} if expected else {"IfNoneMatch": "*"}
        try:
            self.client.put_object(Bucket=self.bucket, Key=self._key(name), Body=json.dumps(record).encode(), **condition)
        except self.client_error as exc:
            if exc.response.get("Error", {}).get("Code") in ("PreconditionFailed", "ConditionalRequestConflict", "412"):
                return False
            raise
        return True


class Leases:
    def __init__(self, files: LakeFiles, s3: S3Options = S3Options(), clock=time.time, sleep=time.sleep):
        self.store = _S3Store(files, s3) if files.is_object_store else _LocalStore(files)
        self.clock, self.sleep = clock, sleep

    def holder(self, name: str) -> LeaseRecord | None:
        """The lease's current holder, or None when it is free or expired."""
        data, _ = self.store.read(name)
        record = LeaseRecord(**data) if data else None
        return record if record and not record.expired(self.clock()) else None

    def acquire(self, name: str, owner: str, ttl: float, wait: float, poll: float = 0.5,
                on_wait: Callable[[str], None] | None = None) -> "Lease":
        """Take the lease, waiting up to `wait` seconds for a holder to release it or for
        its lease to expire; raises LeaseBusy after that. `on_wait(holder)` is called once,
        when a first try finds it held and the wait begins."""
        started, told = self.clock(), False
        token = secrets.token_hex(8)
        while True:
            now = self.clock()
            data, version = self.store.read(name)
            current = LeaseRecord(**data) if data else None
            if current is None or current.expired(now):
                mine = LeaseRecord(name, owner, token, now, now + ttl, HOST, os.getpid())
                if self.store.write(name, asdict(mine), version) and self.store.read(name)[0] == asdict(mine):
                    return Lease(self, mine, ttl, waited=now - started)
            if now - started >= wait:
                raise LeaseBusy(name, current, now - started)
            if on_wait and current is not None and not told:
                on_wait(current.describe())
                told = True
            self.sleep(poll)

    def _renew(self, record: LeaseRecord, ttl: float) -> LeaseRecord | None:
        data, version = self.store.read(record.name)
        if not data or data.get("token") != record.token:
            return None
        renewed = LeaseRecord(record.name, record.owner, record.token, record.acquired_at, self.clock() + ttl,
                              record.host, record.pid)
        return renewed if self.store.write(record.name, asdict(renewed), version) else None

    def _release(self, record: LeaseRecord) -> None:
        data, version = self.store.read(record.name)
        if data and data.get("token") == record.token:
            self.store.write(record.name, {**data, "expires_at": self.clock()}, version)


class Lease:
    """A held lease: a context manager that renews it every ttl/3 and releases it on exit.
    `lost` turns true when a renewal found another holder (we stalled past the expiry)."""

    def __init__(self, leases: Leases, record: LeaseRecord, ttl: float, waited: float):
        self.leases, self.record, self.ttl, self.waited = leases, record, ttl, waited
        self.lost = False
        self._stop = threading.Event()
        self._renewer = threading.Thread(target=self._keep, name=f"lease-{record.name}", daemon=True)

    def _keep(self) -> None:
        while not self._stop.wait(self.ttl / 3):
            renewed = self.leases._renew(self.record, self.ttl)
            if renewed is None:
                self.lost = True
                return
            self.record = renewed

    def __enter__(self) -> "Lease":
        self._renewer.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def release(self) -> None:
        self._stop.set()
        if self._renewer.is_alive():
            self._renewer.join()
        if not self.lost:
            self.leases._release(self.record)

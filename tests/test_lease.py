"""Leases: one holder at a time on a local disk and on S3 (moto), expiry of a dead
holder's lease, renewal while the holder works."""
import threading
import time

import pytest

from conftest import open_lake
from storage.lease import LeaseBusy, Leases


def leases_of(root: str, **kw) -> Leases:
    lake = open_lake(root)
    from flows.settings import Settings

    return Leases(lake.files, Settings.from_env().s3, **kw)


def test_one_holder_then_the_next_after_release(lake_root):
    leases = leases_of(lake_root)
    with leases.acquire("source-detik", "run A", ttl=30, wait=0) as held:
        assert held.waited < 1 and leases.holder("source-detik").owner == "run A"
        with pytest.raises(LeaseBusy, match="held by run A"):
            leases.acquire("source-detik", "run B", ttl=30, wait=0)
        with leases.acquire("source-kompas", "run B", ttl=30, wait=0):  # another source is another lease
            pass
    assert leases.holder("source-detik") is None
    with leases.acquire("source-detik", "run B", ttl=30, wait=0):
        assert leases.holder("source-detik").owner == "run B"


def test_a_dead_holders_lease_expires(tmp_path):
    now = [1000.0]
    leases = leases_of(str(tmp_path), clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    leases.acquire("source-detik", "killed run", ttl=60, wait=0)  # never released, never renewed
    with pytest.raises(LeaseBusy):
        leases.acquire("source-detik", "next run", ttl=60, wait=10)
    with leases.acquire("source-detik", "next run", ttl=60, wait=120) as taken:  # waits out the expiry
        assert 50 <= taken.waited <= 61 and leases.holder("source-detik").owner == "next run"


def test_a_waiter_is_told_once_as_its_wait_begins_and_then_waits(tmp_path):
    now = [1000.0]
    leases = leases_of(str(tmp_path), clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    told = []
    with leases.acquire("source-detik", "free", ttl=60, wait=0, on_wait=told.append):
        assert told == []  # a free lease is no wait
    leases.acquire("source-detik", "killed run", ttl=5, wait=0)
    with leases.acquire("source-detik", "next run", ttl=60, wait=120, on_wait=told.append) as taken:
        assert len(told) == 1 and "held by killed run" in told[0]
        assert taken.waited >= 0.5  # told only after a try found it held: whoever is told does wait


def test_the_holder_renews_while_it_works(tmp_path):
    leases = leases_of(str(tmp_path))
    with leases.acquire("source-detik", "long run", ttl=1.5, wait=0):
        time.sleep(2.5)  # longer than the ttl: renewals keep it
        with pytest.raises(LeaseBusy):
            leases.acquire("source-detik", "other", ttl=1.5, wait=0)


def test_racing_takers_get_one_holder(lake_root):
    leases = leases_of(lake_root)
    holders, gate = [], threading.Barrier(6)

    def take(i):
        gate.wait()
        try:
            lease = leases.acquire("source-tempo", f"run {i}", ttl=30, wait=0)
        except LeaseBusy:
            return
        holders.append(i)
        time.sleep(0.5)
        lease.release()

    threads = [threading.Thread(target=take, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(holders) == 1

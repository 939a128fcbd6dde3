"""Without a Prefect server, old flow runs are deleted from the temporary server's database."""
from prefect import flow
from prefect.client.orchestration import get_client

from flows.history import prune_history


@flow(name="history-probe")
def probe() -> int:
    return 1


def test_old_flow_runs_are_deleted_and_recent_ones_kept(prefect_api):
    probe()
    assert prune_history(keep_days=1) == 0  # a run of today is kept
    assert prune_history(keep_days=-1) >= 1  # a cutoff in the future: every run is old
    with get_client(sync_client=True) as client:
        assert client.read_flow_runs() == []

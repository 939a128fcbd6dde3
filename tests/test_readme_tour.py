"""The README's "Adding a source" walk-through, run as written (in a home of its own, on a
free port): a new outlet's source file in a user directory, checked live, ingested, and
read back from the lake."""
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO


def tour_script() -> str:
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Adding a source", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


@pytest.mark.slow
def test_the_readme_adds_a_source_and_its_article_reaches_the_lake(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    script = "trap 'kill $(jobs -p) 2>/dev/null' EXIT\nset -e\n" + tour_script().replace("8800", str(port))
    env = {**os.environ, "HOME": str(tmp_path), "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("KABAR_SOURCES_DIR", None)
    done = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "title 1/1, writers 1/1, time 1/1, body 1/1" in done.stdout
    assert re.search(r"^lokal +ok +1 +0 +1 +0 +1 +1 +0", done.stdout, re.M), done.stdout
    assert "Warga Desa Sukamaju Gelar Festival Panen Raya" in done.stdout and "Sari Dewi" in done.stdout

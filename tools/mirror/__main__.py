"""`python -m tools.mirror [OUT]`: rebuild the offline mirror (default data/mirror/)."""
import json
import sys
from pathlib import Path

from tools.mirror.build import REPO_MIRROR, build

target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO_MIRROR
result = build(target)
print(f"mirror in {target}: {len(result['articles'])} articles, {len(result['rejects'])} reject cases, "
      f"{len(json.loads((target / 'routes.json').read_text()))} routes")

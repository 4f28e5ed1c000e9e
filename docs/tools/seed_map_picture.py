"""Write docs/img/seed-map.png, the README's picture, from what ``kg demo`` writes today.

    python docs/tools/seed_map_picture.py            # needs Debian's chromium

Runs ``kg demo`` on the bundled seeds in a temporary folder (so the counts are the current
ones) and takes a screenshot of the map as it opens, with headless Chromium: the map, the
search box and the date filter in the side panel, the relation filters and the legend.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "docs" / "img" / "seed-map.png"


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        demo = subprocess.run([sys.executable, "-m", "kg", "demo"], cwd=folder, capture_output=True, text=True)
        if demo.returncode != 0:
            print(demo.stderr, file=sys.stderr)
            return demo.returncode
        page = Path(folder) / "graph.html"
        shot = Path(folder) / "shot.png"
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--window-size=1400,860",
                "--virtual-time-budget=20000",
                f"--screenshot={shot}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copy(shot, TARGET)
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

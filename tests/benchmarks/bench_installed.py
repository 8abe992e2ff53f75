"""Start-up of the INSTALLED program: the .deb unpacked into a scratch root (dpkg -x), started from
/opt/homelog/homelog there, to window visible and to first data, against a bare PySide6
QMainWindow in the same run (goals from issue #5, as for the source tree: <= 1.3x and <= 2.0x).

Uses the start-up probe of the program (HOMELOG_STARTUP_PROBE=1 prints "visible" and "data"
milestones) and the bare window of bench_startup.py. Without a built .deb it uses the bundle in
build/dist; without either it says how to build one and exits 0.

Run: python tests/benchmarks/bench_installed.py [--runs N] [--deb PATH]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.bench_startup import BARE, _measure, _prepare  # noqa: E402


def _size(path: Path) -> float:
    """Size in MB of a file, or of everything under a folder."""
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def _find_deb() -> Path | None:
    from homelog_desktop import __version__

    debs = sorted((ROOT / "build" / "packages").glob(f"homelog_{__version__}_*.deb"))
    return debs[-1] if debs else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--deb", type=Path, help="the .deb (default: build/packages/homelog_<version>_*.deb)")
    args = parser.parse_args()
    deb = args.deb or _find_deb()
    bundle = ROOT / "build" / "dist" / "homelog"
    if deb is None or shutil.which("dpkg") is None:
        if not (bundle / "homelog").exists():
            print("no built package: run `make package` first (it builds build/dist/homelog and, on Linux, the .deb)")
            return 0
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)
    with tempfile.TemporaryDirectory(prefix="homelog-bench-installed-") as tmp:
        if deb is not None and shutil.which("dpkg") is not None:
            root = Path(tmp) / "root"
            subprocess.run(["dpkg", "-x", str(deb), str(root)], check=True)
            program = root / "opt" / "homelog" / "homelog"
            print(f".deb: {deb.name} {_size(deb):.1f} MB; installed under /opt/homelog: {_size(program.parent):.1f} MB")
        else:
            program = bundle / "homelog"
            print(f"no .deb: timing the bundle in {bundle} ({_size(bundle):.1f} MB)")
        data_dir = Path(tmp) / "data"
        _prepare(data_dir)
        app_env = dict(env, HOMELOG_STARTUP_PROBE="1", XDG_CONFIG_HOME=str(Path(tmp) / "config"))
        app_cmd = [str(program), "--data-dir", str(data_dir)]
        bare_cmd = [sys.executable, "-c", BARE]
        _measure(bare_cmd, env)  # warm the file cache for both
        _measure(app_cmd, app_env)
        bare, visible, data = [], [], []
        for _ in range(args.runs):  # interleaved, so both see the same machine state
            bare.append(_measure(bare_cmd, env)["visible"])
            marks = _measure(app_cmd, app_env)
            visible.append(marks["visible"])
            data.append(marks["data"])
    base = statistics.median(bare)
    print(f"bare PySide6 QMainWindow (source venv) visible: {base:.0f} ms (median of {args.runs})")
    for name, values, goal in (("installed: window visible", visible, 1.3), ("installed: first data", data, 2.0)):
        ms = statistics.median(values)
        ratio = ms / base
        verdict = "ok" if ratio <= goal else "MISSED"
        print(f"{name}: {ms:.0f} ms = {ratio:.2f}x bare (goal <= {goal}x) {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

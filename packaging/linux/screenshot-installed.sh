#!/usr/bin/env bash
# Screenshot of the installed Home Log as a user sees it: a real X server (Xvfb) with a window
# manager (openbox, for the title bar), the program started from its installed path on a data
# folder holding the sample household, and the screen grabbed by a separate Qt client.
#
#   packaging/linux/screenshot-installed.sh [PROGRAM] [OUT]
#
#   PROGRAM  the installed program (default /opt/homelog/homelog; or ROOT/opt/homelog/homelog of a
#            `dpkg -x` root)
#   OUT      the PNG (default resources/screenshots/installed-linux.png, shown in the README)
#
# Needs: apt-get install xvfb x11-utils openbox (and the libraries the .deb depends on).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PROGRAM=${1:-/opt/homelog/homelog}
OUT=$(realpath -m "${2:-$ROOT/resources/screenshots/installed-linux.png}")
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}

for tool in Xvfb xwininfo openbox; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$tool is missing: apt-get install xvfb x11-utils openbox" >&2; exit 1; }
done
[[ -x $PROGRAM ]] || { echo "no program at $PROGRAM" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do xwininfo -display "$display" -root >/dev/null 2>&1 && break; sleep 0.1; done
export DISPLAY=$display
unset QT_QPA_PLATFORM WAYLAND_DISPLAY
HOME=$work/home openbox >"$work/openbox.log" 2>&1 &
pids+=($!)

# The sample household as the user's own data.
(cd "$ROOT" && QT_QPA_PLATFORM=offscreen "$PYTHON" -c "
import sys; from pathlib import Path
from tests.benchmarks.bench_startup import _prepare
_prepare(Path(sys.argv[1]))" "$work/data")

mkdir -p "$work/home"
env -u PYTHONPATH HOME="$work/home" LANG=en_GB.UTF-8 "$PROGRAM" --data-dir "$work/data" >"$work/app.log" 2>&1 &
pids+=($!)
for _ in $(seq 300); do
    xwininfo -root -tree 2>/dev/null | grep -q '"Home Log"' && break
    sleep 0.1
done
sleep 3  # the readings and the sidebar arrive within a second of the window; let them paint

mkdir -p "$(dirname "$OUT")"
"$PYTHON" - "$OUT" <<'EOF'
import sys
from PySide6.QtGui import QGuiApplication

app = QGuiApplication(sys.argv[:1])
shot = QGuiApplication.primaryScreen().grabWindow(0)
if shot.isNull() or not shot.save(sys.argv[1]):
    sys.exit("could not grab the screen")
print(f"{sys.argv[1]}: {shot.width()}x{shot.height()}")
EOF

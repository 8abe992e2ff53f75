"""Benchmark: a ReadingsChart of 1,000,000 readings, from set_data to the frame on screen, and zooming it.

Run as ``python tests/benchmarks/bench_chart.py [--points N] [--runs N]`` (Qt offscreen by default).

How it is measured (the same way for the chart and for the baselines, all in this process):
- *to the first frame*: the clock starts before ``set_data`` (or ``plot``) and stops when the
  event loop has processed the first Paint event of the plot's viewport that follows, i.e. the
  frame with the data has been painted into the window's backing store.
- *grab*: ``set_data`` + ``widget.grab()`` (a synchronous render of the whole widget to a pixmap).
- baselines: a bare ``pg.PlotWidget().plot(x, y)`` with pyqtgraph's defaults (no downsampling,
  no clipping, finite check on), and ``QPainter.drawPolyline`` of the 1M points into a QImage of
  the chart's size (the cost of drawing every point once, nothing else).
- *zoom*: 6 mouse-wheel steps in and 6 out over the plot (real QWheelEvents), each until painted,
  the next one after the timer below has ticked (events of a hand, not a burst).
- *GUI stall*: the longest gap between ticks of a 16 ms QTimer while the chart loads, paints and
  zooms (the work runs on the GUI thread, so this is how long the window could not react).
- *CPU time*: ``time.process_time()`` of this process over the same spans. On a machine shared with
  other busy processes the wall times above include their turns; the CPU time is the chart's own.
Medians of ``--runs`` runs (the load average is printed with them); a missed goal prints MISSED
and does not change the exit code.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common

_common.setup()

import numpy as np  # noqa: E402
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QImage, QPainter, QPen, QWheelEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

#: Goals (ms), from issue 3.
RENDER_GOAL = 100
GUI_GAP_GOAL = 50
#: The chart's size on screen.
WIDTH, HEIGHT = 1000, 500


class PaintWatch(QObject):
    """Counts Paint events of a widget."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def until_painted(app: QApplication, watch: PaintWatch, limit_s: float = 30.0) -> None:
    """Run the event loop until ``watch``'s widget has painted once more."""
    before = watch.count
    deadline = time.perf_counter() + limit_s
    while watch.count == before:
        app.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("no paint")


def noisy_values(n: int) -> np.ndarray:
    """A gauge read every ~10 minutes (a room's temperature): seasons plus noise, a zigzag when downsampled."""
    rng = np.random.default_rng(5)
    return 20 + 5 * np.sin(np.arange(n) / 5000) + rng.normal(0, 1.5, n)


def next_tick(app: QApplication, monitor: _common.TickMonitor) -> None:
    """Run the event loop until the monitor's timer has ticked once more."""
    before = monitor.ticks
    while monitor.ticks == before:
        app.processEvents()


def make_data(n: int) -> tuple[np.ndarray, np.ndarray]:
    """A counter read every ~10 minutes with some jitter: ``n`` (ts int64, value float64)."""
    rng = np.random.default_rng(3)
    ts = 1_600_000_000 + np.cumsum(rng.integers(300, 900, n)).astype(np.int64)
    values = 10_000 + np.cumsum(rng.gamma(2.0, 0.05, n))
    return ts, values


def time_chart(app: QApplication, ts: np.ndarray, values: np.ndarray) -> tuple[float, float, float, float]:
    """(set_data → first frame painted, its CPU time, set_data alone, set_data + grab) in ms, fresh chart."""
    from homelog_desktop.views.charts import ReadingsChart

    chart = ReadingsChart(title="Electricity")
    chart.resize(WIDTH, HEIGHT)
    chart.show()
    until_painted(app, PaintWatch(chart))
    watch = PaintWatch(chart.plot_widget.viewport())
    start, cpu = time.perf_counter(), time.process_time()
    chart.set_data(ts, values, unit="kWh", metric_name="Consumption", decimals=1)
    set_data = (time.perf_counter() - start) * 1000
    until_painted(app, watch)
    frame = (time.perf_counter() - start) * 1000
    frame_cpu = (time.process_time() - cpu) * 1000
    assert chart.point_count == len(ts)
    chart.clear()
    app.processEvents()
    start = time.perf_counter()
    chart.set_data(ts, values, unit="kWh", metric_name="Consumption", decimals=1)
    chart.grab()
    grab = (time.perf_counter() - start) * 1000
    chart.close()
    chart.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return frame, frame_cpu, set_data, grab


def time_bare_pyqtgraph(app: QApplication, ts: np.ndarray, values: np.ndarray) -> float:
    """A PlotWidget with pyqtgraph's defaults: plot → first frame painted, in ms."""
    import pyqtgraph as pg

    widget = pg.PlotWidget()
    widget.resize(WIDTH, HEIGHT)
    widget.show()
    watch = PaintWatch(widget.viewport())
    until_painted(app, watch)
    start = time.perf_counter()
    widget.plot(ts.astype(np.float64), values)
    until_painted(app, watch)
    ms = (time.perf_counter() - start) * 1000
    widget.close()
    widget.deleteLater()
    app.processEvents()
    return ms


def time_polyline(ts: np.ndarray, values: np.ndarray) -> float:
    """QPainter.drawPolyline of every point into a QImage of the chart's size, in ms (incl. the mapping)."""
    import pyqtgraph as pg

    start = time.perf_counter()
    polygon = pg.functions.create_qpolygonf(len(ts))  # filled in place through numpy: no Python loop
    points = pg.functions.ndarray_from_qpolygonf(polygon)
    points[:, 0] = (ts - ts[0]) * ((WIDTH - 1) / float(ts[-1] - ts[0]))
    points[:, 1] = (HEIGHT - 1) - (values - values.min()) * ((HEIGHT - 1) / float(np.ptp(values)))
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setPen(QPen(Qt.GlobalColor.blue, 1))
    painter.drawPolyline(polygon)
    painter.end()
    return (time.perf_counter() - start) * 1000


def time_zoom_and_stall(
    app: QApplication, ts: np.ndarray, values: np.ndarray
) -> tuple[list[float], list[float], float]:
    """(wall ms of each wheel step until painted, CPU ms of each, longest 16 ms timer gap over load + zoom).

    The CPU time (this process) is what the chart costs; the wall time adds whatever the other
    processes on the machine took meanwhile."""
    from homelog_desktop.views.charts import ReadingsChart

    chart = ReadingsChart(title="Electricity")
    chart.resize(WIDTH, HEIGHT)
    chart.show()
    until_painted(app, PaintWatch(chart))
    viewport = chart.plot_widget.viewport()
    watch = PaintWatch(viewport)
    monitor = _common.TickMonitor(16)
    monitor.start()
    app.processEvents()
    chart.set_data(ts, values, unit="kWh")
    until_painted(app, watch)
    next_tick(app, monitor)
    steps: list[float] = []
    cpus: list[float] = []
    centre = QPointF(viewport.width() * 0.6, viewport.height() / 2)
    for delta in [120] * 6 + [-120] * 6:
        event = QWheelEvent(
            centre,
            QPointF(viewport.mapToGlobal(centre.toPoint())),
            QPoint(0, 0),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        start, cpu = time.perf_counter(), time.process_time()
        QApplication.sendEvent(viewport, event)
        until_painted(app, watch)
        steps.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        next_tick(app, monitor)  # the next wheel event comes later, as from a hand on a mouse
    chart.zoom_by(0.2)  # the wheel steps ended where they began: zoom in, then reset
    until_painted(app, watch)
    next_tick(app, monitor)
    chart.reset_zoom()
    until_painted(app, watch)
    gap = monitor.stop()
    chart.close()
    chart.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # free its million points now
    return steps, cpus, gap


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    _common.collect_as_the_app(app)
    ts, values = make_data(args.points)
    print(f"{args.points:,} readings, chart {WIDTH}x{HEIGHT}, {args.runs} runs (medians)", flush=True)
    with _common.Stopwatch() as first:
        import pyqtgraph  # noqa: F401  (what the first chart pays once; not in the figures below)
    print(f"import pyqtgraph (once, when the first chart is created): {first.ms:.0f} ms", flush=True)
    time_chart(app, ts[:1000], values[:1000])  # warm-up: first-use costs of Qt and pyqtgraph
    time_bare_pyqtgraph(app, ts[:1000], values[:1000])

    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores shared: figures vary with it)", flush=True)
    frames, frame_cpus, set_datas, grabs, bare, poly = [], [], [], [], [], []
    for _ in range(args.runs):
        frame, frame_cpu, set_data, grab = time_chart(app, ts, values)
        frames.append(frame)
        frame_cpus.append(frame_cpu)
        set_datas.append(set_data)
        grabs.append(grab)
        bare.append(time_bare_pyqtgraph(app, ts, values))
        poly.append(time_polyline(ts, values))
    bare_ms, poly_ms = _common.median(bare), _common.median(poly)
    _common.report(
        "ReadingsChart 1M points, set_data → first frame",
        _common.median(frames),
        RENDER_GOAL,
        bare_ms,
        "bare pyqtgraph",
    )
    _common.report(
        "ReadingsChart 1M points, set_data + grab()", _common.median(grabs), RENDER_GOAL, poly_ms, "QPainter polyline"
    )
    print(
        f"  of which set_data itself: {_common.median(set_datas):.1f} ms (the rest: the first paint);"
        f" CPU time set_data → frame: {_common.median(frame_cpus):.1f} ms"
    )
    print(f"  baselines: bare pyqtgraph plot {bare_ms:.1f} ms, QPainter drawPolyline of all points {poly_ms:.1f} ms")

    noisy = noisy_values(args.points)
    noisy_frames, noisy_cpus = [], []
    for _ in range(args.runs):
        frame, frame_cpu, _set_data, _grab = time_chart(app, ts, noisy)
        noisy_frames.append(frame)
        noisy_cpus.append(frame_cpu)
    _common.report(
        "ReadingsChart 1M noisy gauge readings, set_data → first frame", _common.median(noisy_frames), RENDER_GOAL
    )
    print(f"  CPU time: {_common.median(noisy_cpus):.1f} ms")

    steps: list[float] = []
    cpus: list[float] = []
    gaps: list[float] = []
    for _ in range(args.runs):
        wall, cpu, gap = time_zoom_and_stall(app, ts, values)
        steps += wall
        cpus += cpu
        gaps.append(gap)
    print(
        f"wheel zoom step until painted: median {_common.median(steps):.1f} ms, worst {max(steps):.1f} ms"
        f" (CPU time: median {_common.median(cpus):.1f} ms, worst {max(cpus):.1f} ms)"
    )
    _common.report("longest GUI gap while the 1M chart loads and zooms", max(gaps), GUI_GAP_GOAL, strict=True)
    print(
        f"  median of the runs' longest gaps: {_common.median(gaps):.1f} ms;"
        f" load average after: {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()

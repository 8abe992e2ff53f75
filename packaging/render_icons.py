"""Render the app icon (resources/icons/homelog.svg) to what the installers need.

    python packaging/render_icons.py [--out build/icons]

Writes, under the output folder:
  hicolor/<N>x<N>/apps/io.github.homelog.HomeLog.png   N = 16 … 512 (the Linux icon theme sizes)
  hicolor/scalable/apps/io.github.homelog.HomeLog.svg  the SVG itself
  homelog.ico    Windows: images of 16 … 256 px in one file (bitmaps, and PNG at 256 px)
  homelog.icns   macOS: PNG images of 16 … 1024 px in one file

Qt (QSvgRenderer) draws the PNGs; ICO and ICNS are simple containers of images, written here
rather than through Qt's image plugins (which need not be installed, and write no ICNS).
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "homelog.svg"
sys.path.insert(0, str(ROOT))

from homelog_desktop import APP_ID  # noqa: E402 (the package's __init__ imports nothing)

#: The hicolor theme's usual sizes.
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
#: ICNS element types holding PNG data, and their pixel sizes (the @2x ones included).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"icp6", 64),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),
    (b"ic09", 512),
    (b"ic14", 512),
    (b"ic10", 1024),
)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at ``size`` × ``size`` pixels, as PNG data."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit("Qt could not write PNG data")
    buffer.close()
    return bytes(data.data())


def dib_bytes(png: bytes) -> bytes:
    """The classic ICO image: a 32-bit BGRA bitmap, bottom-up, with its (all-visible) AND mask.

    Used below 256 px, where every Windows tool (resource editors, Inno Setup, old shells) reads
    it; 256 px stays PNG, as Windows itself writes it.
    """
    from PySide6.QtGui import QImage

    image = QImage.fromData(png, "PNG").convertToFormat(QImage.Format.Format_ARGB32)  # BGRA in memory
    width, height = image.width(), image.height()
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    stride = width * 4
    bits = bytes(image.constBits())
    rows = b"".join(
        bits[y * image.bytesPerLine() : y * image.bytesPerLine() + stride] for y in range(height - 1, -1, -1)
    )
    mask_stride = ((width + 31) // 32) * 4
    return header + rows + bytes(mask_stride * height)


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO file: bitmaps below 256 px, PNG at 256 px (the format Windows' own icons use)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        data = images[size] if size >= 256 else dib_bytes(images[size])
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset))
        blobs.append(data)
        offset += len(data)
    return header + b"".join(entries) + b"".join(blobs)


def icns_bytes(images: dict[int, bytes]) -> bytes:
    """An ICNS file: 'icns', total length, then (type, length incl. 8-byte header, PNG data) elements."""
    body = b"".join(kind + struct.pack(">I", len(images[size]) + 8) + images[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def render_all(svg: Path, out: Path) -> list[Path]:
    """Write every icon file under ``out``; returns the files written."""
    wanted = sorted({*PNG_SIZES, *ICO_SIZES, *(size for _kind, size in ICNS_TYPES)})
    images = {size: render_png(svg, size) for size in wanted}
    written = []
    for size in PNG_SIZES:
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(images[size])
        written.append(target)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_bytes(svg.read_bytes())
    written.append(scalable)
    ico = out / "homelog.ico"
    ico.write_bytes(ico_bytes({size: images[size] for size in ICO_SIZES}))
    icns = out / "homelog.icns"
    icns.write_bytes(icns_bytes(images))
    written += [ico, icns]
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SOURCE, help="the icon's SVG source (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "icons", help="output folder (%(default)s)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    written = render_all(args.svg, args.out)
    print(f"{len(written)} icon files written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

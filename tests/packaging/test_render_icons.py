"""packaging/render_icons.py: PNGs of every size, and ICO/ICNS files that are valid PNG containers."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path
from types import ModuleType

import pytest

from homelog_desktop import APP_ID

ROOT = Path(__file__).resolve().parents[2]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_icons", ROOT / "packaging" / "render_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, qapp) -> Path:
    out = tmp_path_factory.mktemp("icons")
    _module().render_all(ROOT / "resources" / "icons" / "homelog.svg", out)
    return out


def test_render_icons_hicolor_pngs_have_their_size(rendered):
    """Every hicolor size from 16 to 512 is a PNG of exactly that size, plus the scalable SVG."""
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        data = (rendered / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").read_bytes()
        assert _png_size(data) == (size, size)
    assert (rendered / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").read_bytes().startswith(b"<svg")


def test_render_icons_draws_the_icon_not_an_empty_square(rendered, qapp):
    """The 48 px PNG has the blue square inside, a white house in the middle and transparent corners."""
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(rendered / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png"))
    assert image.pixelColor(0, 0).alpha() == 0
    assert image.pixelColor(4, 24) == QColor("#2E7DDB")
    assert image.pixelColor(24, 14) == QColor("#FFFFFF")


def test_render_icons_ico_is_a_directory_of_images(rendered):
    """homelog.ico: one entry per size (256 written as 0): 32-bit bitmaps with their mask, PNG at 256 px."""
    data = (rendered / "homelog.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        w, h, _colors, _r, planes, bpp, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i : 22 + 16 * i])
        image = data[offset : offset + length]
        size = w or 256
        assert h == w and (planes, bpp) == (1, 32)
        if size == 256:
            assert _png_size(image) == (256, 256)
        else:
            header_size, width, double_height, _planes, bits = struct.unpack("<IiiHH", image[:16])
            assert (header_size, width, double_height, bits) == (40, size, 2 * size, 32)
            assert length == 40 + size * size * 4 + ((size + 31) // 32) * 4 * size
        sizes.append(size)
    assert sizes == [16, 20, 24, 32, 40, 48, 64, 128, 256]


def test_render_icons_qt_reads_the_ico(rendered, qapp):
    """Qt's own ICO reader finds the images in homelog.ico (as Windows does)."""
    from PySide6.QtGui import QImageReader

    reader = QImageReader(str(rendered / "homelog.ico"))
    if b"ico" not in [bytes(f.data()) for f in QImageReader.supportedImageFormats()]:
        pytest.skip("this Qt has no ICO reader")
    assert reader.imageCount() == 9
    images = []
    for index in range(reader.imageCount()):
        assert reader.jumpToImage(index)
        images.append(reader.read())
    by_size = {image.width(): image for image in images}
    assert sorted(by_size) == [16, 20, 24, 32, 40, 48, 64, 128, 256]
    # The bitmaps are upright and keep their transparency: corner clear, the blue square at the left edge.
    assert by_size[48].pixelColor(0, 0).alpha() == 0
    assert by_size[48].pixelColor(4, 24).name() == "#2e7ddb"
    assert by_size[48].pixelColor(24, 10).name() == "#ffffff"


def test_render_icons_icns_elements_add_up(rendered):
    """homelog.icns: 'icns', the file's length, then typed elements whose lengths add up, each a PNG."""
    data = (rendered / "homelog.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    offset, seen = 8, {}
    while offset < len(data):
        kind, length = data[offset : offset + 4], struct.unpack(">I", data[offset + 4 : offset + 8])[0]
        seen[kind] = _png_size(data[offset + 8 : offset + length])[0]
        offset += length
    assert offset == len(data)
    assert seen == {b"icp4": 16, b"icp5": 32, b"ic11": 32, b"icp6": 64, b"ic12": 64, b"ic07": 128,
                    b"ic08": 256, b"ic13": 256, b"ic09": 512, b"ic14": 512, b"ic10": 1024}  # fmt: skip

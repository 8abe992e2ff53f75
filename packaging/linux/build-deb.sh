#!/usr/bin/env bash
# Build the Debian package and the plain tarball of Home Log from the PyInstaller bundle.
#
#   packaging/linux/build-deb.sh [BUNDLE] [OUT]
#
#   BUNDLE  the onedir bundle (default build/dist/homelog, made by `make package`)
#   OUT     where the packages go (default build/packages)
#
# Makes OUT/homelog_<version>_<arch>.deb (dpkg-deb -Zzstd) and OUT/homelog-<version>-linux-<arch>.tar.gz.
# The .deb installs:
#   /opt/homelog/                          the bundle (the program and its _internal/ folder)
#   /usr/bin/homelog                       a symlink to /opt/homelog/homelog
#   /usr/share/applications/…desktop       the menu entry
#   /usr/share/metainfo/…metainfo.xml      the software centre's page (AppStream)
#   /usr/share/icons/hicolor/*/apps/…      the icon in every size
# It has no maintainer scripts and never touches the user's data, which lives in the user's
# folder (~/.local/share/HomeLog), never under /opt: an upgrade or a removal leaves it alone.
# Its Depends are computed from the bundle's ELF files with dpkg-shlibdeps (dpkg-dev), so the
# build machine needs the libraries installed that the bundle loads (.ci/run installs them).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUNDLE=$(realpath -m "${1:-$ROOT/build/dist/homelog}")
OUT=$(realpath -m "${2:-$ROOT/build/packages}")
ICONS=$ROOT/build/icons
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
HERE=$ROOT/packaging/linux

APP_ID=io.github.homelog.HomeLog
PACKAGE=homelog

die() { echo "build-deb: $*" >&2; exit 1; }

[[ -x $BUNDLE/homelog ]] || die "no bundle at $BUNDLE: run \`make package\` first"
[[ -d $ICONS/hicolor ]] || die "no icons in $ICONS: run \`$PYTHON packaging/render_icons.py\` first"
for tool in dpkg-deb dpkg-shlibdeps file; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (apt-get install dpkg-dev file)"
done

VERSION=$(cd "$ROOT" && "$PYTHON" -c 'import homelog_desktop as h; print(h.__version__)')
HOMEPAGE=$(cd "$ROOT" && "$PYTHON" -c 'import homelog_desktop as h; print(h.HOMEPAGE)')
BUNDLED=$(QT_QPA_PLATFORM=offscreen "$BUNDLE/homelog" --version | awk '{print $2}')
[[ $BUNDLED == "$VERSION" ]] || die "the bundle is version $BUNDLED but the source says $VERSION: rebuild it"
ARCH=$(dpkg --print-architecture)
case $ARCH in amd64) TAR_ARCH=x86_64 ;; arm64) TAR_ARCH=aarch64 ;; *) TAR_ARCH=$ARCH ;; esac

STAGE=$ROOT/build/deb/${PACKAGE}_${VERSION}_${ARCH}
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$OUT"
umask 022

# -- files ------------------------------------------------------------------------------------
mkdir -p "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" "$STAGE/usr/share/metainfo" \
    "$STAGE/usr/share/doc/$PACKAGE"
cp -a "$BUNDLE" "$STAGE/opt/homelog"
ln -s /opt/homelog/homelog "$STAGE/usr/bin/homelog"
install -m 644 "$HERE/$APP_ID.desktop" "$STAGE/usr/share/applications/$APP_ID.desktop"
install -m 644 "$HERE/$APP_ID.metainfo.xml" "$STAGE/usr/share/metainfo/$APP_ID.metainfo.xml"
mkdir -p "$STAGE/usr/share/icons"
cp -a "$ICONS/hicolor" "$STAGE/usr/share/icons/hicolor"
{
    echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    echo "Upstream-Name: Home Log"
    echo "Source: $HOMEPAGE"
    echo
    echo "Files: *"
    echo "Copyright: the Home Log developers"
    echo "License: MIT"
    sed 's/^$/./; s/^/ /' "$ROOT/LICENSE"
    echo
    echo "Files: opt/homelog/_internal/*"
    echo "Copyright: the authors of Python, Qt for Python (PySide6, LGPL-3.0), SQLAlchemy, Alembic,"
    echo " aiosqlite, qasync, platformdirs, NumPy, pyqtgraph, openpyxl and their dependencies"
    echo "License: various; see the *.dist-info folders under /opt/homelog/_internal"
} > "$STAGE/usr/share/doc/$PACKAGE/copyright"
find "$STAGE" -type d -exec chmod 755 {} +
find "$STAGE/usr/share" -type f -exec chmod 644 {} +

# -- Depends: the system libraries the bundle's programs and libraries load --------------------
shlib_dir=$(mktemp -d)
trap 'rm -rf "$shlib_dir"' EXIT
mkdir "$shlib_dir/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$PACKAGE" "$PACKAGE" > "$shlib_dir/debian/control"
mapfile -t elfs < <(find "$STAGE/opt/homelog" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
    | xargs -0 file -N --mime-type \
    | sed -n 's/: *application\/x-\(sharedlib\|pie-executable\|executable\)$//p')
[[ ${#elfs[@]} -gt 0 ]] || die "no ELF files found in the bundle"
mapfile -t private < <(find "$STAGE/opt/homelog" -name '*.so*' -printf '%h\n' | sort -u)
depends=$(cd "$shlib_dir" && dpkg-shlibdeps -O --ignore-missing-info --warnings=0 \
    "${private[@]/#/-l}" -e"${elfs[@]}" 2>"$shlib_dir/log" | sed -n 's/^shlibs:Depends=//p') || {
    grep -v 'should already be installed' "$shlib_dir/log" >&2
    die "dpkg-shlibdeps failed: install the libraries named above (see .ci/run) and try again"
}
[[ -n $depends ]] || die "dpkg-shlibdeps found no dependencies"

INSTALLED_KB=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<EOF
Package: $PACKAGE
Version: $VERSION
Architecture: $ARCH
Maintainer: Home Log developers <noreply@homelog.invalid>
Installed-Size: $INSTALLED_KB
Depends: $depends
Recommends: fonts-dejavu-core | fonts-liberation2
Section: utils
Priority: optional
Homepage: $HOMEPAGE
Description: record your household's meter readings and see what they mean
 Home Log keeps the readings of a household's meters and sensors (electricity,
 water, gas, heating oil, heat, solar production, room temperature) on this
 computer, in one file, and shows consumption as you type. Nothing needs an
 account or a server.
 .
 Each user's data lives in ~/.local/share/HomeLog; installing, upgrading or
 removing the package never touches it.
EOF

# -- build ------------------------------------------------------------------------------------
DEB=$OUT/${PACKAGE}_${VERSION}_${ARCH}.deb
TARBALL=$OUT/homelog-$VERSION-linux-$TAR_ARCH.tar.gz
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
started=$(date +%s%N)
dpkg-deb --root-owner-group -Zzstd -z"${ZSTD_LEVEL:-9}" --build "$STAGE" "$DEB" >/dev/null
deb_ms=$(ms "$started")
started=$(date +%s%N)
tar -C "$(dirname "$BUNDLE")" --owner=0 --group=0 --transform "s,^$(basename "$BUNDLE"),homelog-$VERSION," \
    -cf - "$(basename "$BUNDLE")" | { if command -v pigz >/dev/null 2>&1; then pigz -6; else gzip -6; fi; } > "$TARBALL"
tar_ms=$(ms "$started")

size() { du -h --apparent-size "$1" | cut -f1; }
echo "build-deb: $DEB ($(size "$DEB"), $deb_ms ms)"
echo "build-deb: $TARBALL ($(size "$TARBALL"), $tar_ms ms)"
echo "build-deb: Depends: $depends"

#!/bin/sh
# Make the macOS disk image of Home Log from the .app that `make package` builds on a Mac.
#
#   packaging/macos/make-dmg.sh [APP] [OUT]
#
#   APP  the application bundle (default "build/dist/Home Log.app")
#   OUT  where the image goes (default build/packages)
#
# Makes OUT/HomeLog-<version>-macos-<arch>.dmg: a compressed read-only image holding the app and a
# link to /Applications, so that the user drags one onto the other. The version is read from the
# app's Info.plist (which the spec fills from homelog_desktop.__version__).
#
# Signing: PyInstaller signs every binary ad hoc. With CODESIGN_IDENTITY set (a "Developer ID
# Application: …" certificate in the keychain) the app is signed with it, with the hardened
# runtime; notarising (xcrun notarytool) is left to whoever holds that identity. Without it, a
# downloaded copy needs right-click → Open the first time (the README says so).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
APP=${1:-"$ROOT/build/dist/Home Log.app"}
OUT=${2:-"$ROOT/build/packages"}

die() { echo "make-dmg: $*" >&2; exit 1; }

[ "$(uname -s)" = Darwin ] || die "hdiutil needs macOS"
[ -d "$APP/Contents/MacOS" ] || die "no app at $APP: run \`make package\` first"
VERSION=$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$APP/Contents/Info.plist")
[ -n "$VERSION" ] || die "no CFBundleShortVersionString in $APP/Contents/Info.plist"
ARCH=$(uname -m)
mkdir -p "$OUT"
DMG="$OUT/HomeLog-$VERSION-macos-$ARCH.dmg"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
else
    codesign --force --deep --sign - "$APP"  # ad hoc: the .app as a whole is consistent again
fi
codesign --verify --deep --strict "$APP"

STAGING=$(mktemp -d)
trap 'rm -rf "$STAGING"' EXIT
ditto "$APP" "$STAGING/Home Log.app"
ln -s /Applications "$STAGING/Applications"
rm -f "$DMG"
hdiutil create -volname "Home Log $VERSION" -srcfolder "$STAGING" -fs HFS+ -format UDZO \
    -imagekey zlib-level=9 -ov "$DMG" >/dev/null
hdiutil verify "$DMG" >/dev/null
echo "make-dmg: $DMG ($(du -h "$DMG" | cut -f1))"

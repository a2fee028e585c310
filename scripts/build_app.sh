#!/usr/bin/env bash
# Build the one-folder desktop app with PyInstaller and prove it works: run the frozen
# executable's --self-test (offline, in a temporary folder). Output: dist/evidence-pack/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet "pyinstaller>=6.5"
python3 -m PyInstaller --noconfirm --clean build.spec
APP=dist/evidence-pack/evidence-pack
[ -x "$APP" ] || APP=dist/evidence-pack/evidence-pack.exe
export QT_QPA_PLATFORM=offscreen
"$APP" --self-test
du -sh dist/evidence-pack | awk '{print "bundle size: " $1}'

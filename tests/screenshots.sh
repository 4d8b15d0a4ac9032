#!/usr/bin/env bash
# Launches the real binary under Xvfb and saves a PNG of each screen, in Persian and English,
# so anyone can look at them. Needs: xvfb, imagemagick (import), xdotool.
#   tests/screenshots.sh [OUT_DIR]     (default: target/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/screenshots}
mkdir -p "$out"
cargo build --quiet
display=:77
Xvfb "$display" -screen 0 1366x768x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 2
shoot() { # language, file, [text to type into the focused search box]
    DISPLAY=$display ./target/debug/bakhshyar --lang "$1" >/dev/null 2>&1 &
    local app=$!
    sleep 6
    if [ -n "${3:-}" ]; then
        local window
        window=$(DISPLAY=$display xdotool search --pid "$app" | tail -1)
        DISPLAY=$display xdotool windowfocus --sync "$window"
        DISPLAY=$display xdotool mousemove "$( [ "$1" = fa ] && echo 1000 || echo 300 )" 76 click 1
        sleep 0.5
        # Slowly: xdotool remaps a spare key for each Persian letter, and fast typing races the remap.
        DISPLAY=$display xdotool type --window "$window" --delay 250 "$3"
        sleep 2
    fi
    DISPLAY=$display import -window root "$out/$2"
    kill $app
    wait $app 2>/dev/null || true
}
shoot fa catalog-fa.png
shoot en catalog-en.png
shoot en catalog-search-en.png 12012154
shoot en catalog-search1-en.png 130
shoot fa catalog-search-fa.png 130
shoot fa catalog-search-persian-fa.png "پروانه"
shoot fa catalog-input-mixed-fa.png "علی‌رضا 123 Ali"
echo "screenshots in $out"

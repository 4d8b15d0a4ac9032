#!/usr/bin/env bash
# The counter's and the catalogue's pixels before a case is opened and after it is left must be the
# same, on the default renderer (wgpu) and on tiny-skia: issue 18 found the case's workflow drawing
# left over the counter's charts with wgpu (multisampling on OpenGL; the catalogue has a drawing of
# its own, the condition for the ghost since the counter's charts are plain boxes). Runs the real
# binary under Xvfb on a seeded data folder.
# Needs: xvfb, imagemagick (import, compare), xdotool, python3; skips with a message when one is missing
# (fails instead with COUNTER_PIXELS_REQUIRED=1, as CI runs it).
#   tests/counter-pixels.sh [OUT_DIR]   (default: target/counter-pixels; PIXELS_DISPLAY=:NN, default :78)
# Exit 0 when both renderers give the same counter, 1 with the differing pixels' count otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in Xvfb xdotool import compare convert python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "counter-pixels: skipped, $tool is not installed"
        # CI sets COUNTER_PIXELS_REQUIRED: there a missing tool is a failure, not a pass.
        exit "${COUNTER_PIXELS_REQUIRED:-0}"
    fi
done
out=${1:-target/counter-pixels}
mkdir -p "$out"
cargo build --quiet --bin bakhshyar
bin=${CARGO_TARGET_DIR:-target}/debug/bakhshyar
display=${PIXELS_DISPLAY:-:78}
Xvfb "$display" -screen 0 1366x768x24 >/dev/null 2>&1 &
xvfb=$!
data=$(mktemp -d)
app=
trap 'kill $xvfb $app 2>/dev/null || true; rm -rf "$data"' EXIT
sleep 1

# A district, its clerk, and cases of a few services so every chart has bars.
export BAKHSHYAR_PASSWORD_FILE=$data/password
printf 'office pass 1\n' >"$BAKHSHYAR_PASSWORD_FILE"
chmod 600 "$BAKHSHYAR_PASSWORD_FILE"
clerk="زهرا کریمی"
"$bin" --data-dir "$data/db" init --district-code 1234 --district-name "بخش مرکزی" --admin "مدیر سامانه" >/dev/null
"$bin" --data-dir "$data/db" --user "مدیر سامانه" user add "$clerk" --role clerk --new-password-file "$BAKHSHYAR_PASSWORD_FILE" >/dev/null
export BAKHSHYAR_USER=$clerk
code=
for case in "1 0012345679" "2 0441234569" "12 1234567891"; do
    code=$("$bin" --data-dir "$data/db" case new --service "${case% *}" --applicant-national-id "${case#* }" \
        --applicant-name "علی رضایی" --applicant-phone 09121234567 --json |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["tracking_code"])')
done

x() { DISPLAY=$display xdotool "$@"; }
# Shots are taken with the pointer parked in the same empty corner, so no hover differs.
shoot() { # file
    x mousemove 683 766
    sleep 2
    DISPLAY=$display import -window root "$out/$1"
}
failed=0
# The screen's pixels (in the box `crop`) the same before a case was opened and after it was left.
same() { # screen, backend, crop
    local before=$out/$1-before-$2.png after=$out/$1-after-$2.png
    convert "$before" -crop "$3" +repage "$out/$1-$2-before-body.png"
    convert "$after" -crop "$3" +repage "$out/$1-$2-after-body.png"
    differing=$(compare -metric AE "$out/$1-$2-before-body.png" "$out/$1-$2-after-body.png" "$out/diff-$1-$2.png" 2>&1 >/dev/null || true)
    if [ "${differing%% *}" = 0 ]; then
        echo "$2: the $1 is the same before and after a case"
    else
        echo "$2: $differing pixels of the $1 changed after leaving a case (see $out/diff-$1-$2.png)"
        failed=1
    fi
}
for backend in wgpu tiny-skia; do
    DISPLAY=$display ICED_BACKEND=$backend "$bin" --lang fa --data-dir "$data/db" >/dev/null 2>&1 &
    app=$!
    sleep 5
    x windowfocus --sync "$(x search --pid "$app" | tail -1)" || true
    # The login screen's first account is the clerk.
    x mousemove 683 162 click 1
    sleep 1
    x type --delay 30 "office pass 1"
    x key Return
    sleep 2
    # The catalogue (service 1 and its drawing, chosen at start), by the side bar's third button.
    x mousemove 1260 221 click 1
    shoot "catalog-before-$backend.png"
    # Reached as it is reached after the case, by the side bar's first button (it focuses the search box).
    x mousemove 1260 148 click 1
    shoot "counter-before-$backend.png"
    x key ctrl+f
    sleep 0.5
    x type --delay 40 "$code"
    sleep 1
    x key Return
    shoot "case-$backend.png"
    # Back to the counter by the side bar's first button, then to the catalogue.
    x mousemove 1260 148 click 1
    shoot "counter-after-$backend.png"
    x mousemove 1260 221 click 1
    shoot "catalog-after-$backend.png"
    kill "$app"
    wait "$app" 2>/dev/null || true
    app=
    # Below the search box: its border's focus colour differs by how the counter was reached, on
    # both renderers alike; the panels and charts, where the ghost fell, are all below it.
    same "counter" "$backend" 1366x690+0+50
    # The case's drawing is larger than the catalogue's and reaches above and beside it.
    same "catalog" "$backend" 1366x768+0+0
done
exit $failed

#!/usr/bin/env bash
# Lists the screens that changed between two runs of tests/screenshots.sh and writes a diff image
# for each (the changed pixels in red over the new picture), so a developer sees what changed.
# Needs: imagemagick (compare).
#   tests/screenshots-compare.sh OLD_DIR NEW_DIR [DIFF_DIR]   (DIFF_DIR default: NEW_DIR/changes)
# Exit 0 when nothing changed, 1 when a screen changed, appeared or went.
set -euo pipefail
old=${1:?previous screenshots folder}
new=${2:?new screenshots folder}
diffs=${3:-$new/changes}
changed=0
while IFS= read -r -d '' picture; do
    name=${picture#"$new"/}
    case $name in changes/*) continue ;; esac
    if [ ! -f "$old/$name" ]; then
        echo "new      $name"
        changed=1
        continue
    fi
    mkdir -p "$diffs/$(dirname "$name")"
    # AE: the number of differing pixels; compare exits 1 when they differ, 2 when it cannot compare
    # (a different size), and writes the count on stderr.
    status=0
    pixels=$(compare -metric AE "$old/$name" "$picture" "$diffs/$name" 2>&1 >/dev/null) || status=$?
    if [ "$status" = 0 ]; then
        rm -f "$diffs/$name"
    elif [ "$status" = 1 ]; then
        echo "changed  $name (${pixels%% *} pixels)"
        changed=1
    else
        echo "changed  $name (cannot compare: $pixels)"
        changed=1
    fi
done < <(find "$new" -name '*.png' -print0 | sort -z)
while IFS= read -r -d '' picture; do
    name=${picture#"$old"/}
    case $name in changes/*) continue ;; esac
    if [ ! -f "$new/$name" ]; then
        echo "gone     $name"
        changed=1
    fi
done < <(find "$old" -name '*.png' -print0 | sort -z)
find "$diffs" -depth -type d -empty -delete 2>/dev/null || true
if [ "$changed" = 0 ]; then echo "no screen changed"; else echo "diff images in $diffs"; fi
exit $changed

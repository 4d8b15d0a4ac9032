#!/usr/bin/env bash
# Launches the real binary under Xvfb and saves a PNG of every screen, in Persian and English,
# on a data folder seeded through the CLI, so anyone can look at them: on both renderers (wgpu, the
# default, and tiny-skia) and at two screen sizes, one folder each (OUT_DIR/wgpu-1366x768, …).
# The previous run's pictures move to OUT_DIR.previous, and tests/screenshots-compare.sh then lists
# the screens that changed and writes a diff image for each (OUT_DIR/changes/).
# Needs: xvfb, imagemagick (import, compare), xdotool, xclip, python3.
#   tests/screenshots.sh [OUT_DIR]     (default: target/screenshots)
#   SCREENSHOT_BACKENDS="wgpu tiny-skia"  SCREENSHOT_SIZES="1366x768 1024x600"  (the defaults)
# The district governor's issue-and-print screens, the sync screens and the first run's recovery
# screen click at places measured on a 1366×768 screen, so they are shot at that size only.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/screenshots}
if [ -d "$out" ]; then
    rm -rf "$out.previous"
    mv "$out" "$out.previous"
fi
mkdir -p "$out"
cargo build --quiet
bin=${CARGO_TARGET_DIR:-target}/debug/bakhshyar
hub_bin=${CARGO_TARGET_DIR:-target}/debug/bakhshyar-hub
# Another display with SCREENSHOT_DISPLAY=:NN when :77 is taken.
display=${SCREENSHOT_DISPLAY:-:77}
seed=$(mktemp -d)
data=$(mktemp -d)
empty=$(mktemp -d)
secrets=$(mktemp -d)
hub=
xvfb=
app=
trap 'kill $app $hub $xvfb 2>/dev/null || true; rm -rf "$seed" "$data" "$empty" "$secrets"' EXIT

# A district with its administrator, a clerk and a district governor (one password for the three,
# typed at the login screen), and a few cases, one of them moved on a step.
password="office pass 1"
export BAKHSHYAR_PASSWORD_FILE=$secrets/password
printf '%s\n' "$password" >"$BAKHSHYAR_PASSWORD_FILE"
chmod 600 "$BAKHSHYAR_PASSWORD_FILE"
clerk="زهرا کریمی" governor="محمد کریمی" admin="مدیر سامانه"
"$bin" --data-dir "$seed" init --district-code 1234 --district-name "بخش مرکزی" --admin "$admin" >/dev/null
# The letterhead's county and province: a print without them is refused.
printf 'county = "آوج"\nprovince = "قزوین"\n' >"$seed/office.toml"
"$bin" --data-dir "$seed" --user "$admin" user add "$clerk" --role clerk --new-password-file "$BAKHSHYAR_PASSWORD_FILE" >/dev/null
"$bin" --data-dir "$seed" --user "$admin" user add "$governor" --role district-governor \
    --new-password-file "$BAKHSHYAR_PASSWORD_FILE" >/dev/null
export BAKHSHYAR_USER=$clerk
into=$seed
new_case() { # service, national ID, name
    "$bin" --data-dir "$into" case new --service "$1" --applicant-national-id "$2" --applicant-name "$3" \
        --applicant-phone 09121234567 --json
}
new_case 1 0012345679 "علی رضایی" >/dev/null
new_case 2 0441234569 "مریم احمدی" >/dev/null
new_case 1 2789456127 "Reza Ahmadi" >/dev/null
first=$(new_case 12 1234567891 "حسین محمدی")
# The first way out of the case's step, with its branch label when the step is a decision.
read -r code to branch < <(
    "$bin" catalog show "$(echo "$first" | python3 -c 'import json,sys; print(json.load(sys.stdin)["service_key"])')" --json |
        python3 -c '
import json, sys
case = json.loads(sys.argv[1]); service = json.load(sys.stdin); wf = service["workflow"]
edge = next(e for e in wf["edges"] if e["from"] == case["step"])
node = next(n for n in wf["nodes"] if n["id"] == case["step"])
print(case["tracking_code"], edge["to"], edge.get("label_fa") or "-" if node["kind"] == "decision" else "-")
' "$first")
if [ "$branch" = "-" ]; then
    "$bin" --data-dir "$seed" case advance "$code" --to "$to" --note "مدارک کامل است" >/dev/null
else
    "$bin" --data-dir "$seed" case advance "$code" --to "$to" --decision "$branch" --note "مدارک کامل است" >/dev/null
fi

x() { DISPLAY=$display xdotool "$@"; }
# Types text into the focused field. xdotool drops Persian letters (it remaps a spare key for each
# one, and the window misses some), so text that is not plain ASCII goes through the clipboard and
# Ctrl+V, which the window's text fields take.
type_text() { # delay in ms, text
    if LC_ALL=C grep -q '^[ -~]*$' <<<"$2"; then
        x type --delay "$1" "$2"
    else
        printf '%s' "$2" | DISPLAY=$display xclip -selection clipboard
        sleep 0.3
        x key ctrl+v
        sleep 0.5
    fi
}
# Side-bar buttons, from the top: counter, new case, services, settings, sync.
nav_y=(0 148 184 221 258 294)
# The login screen's account buttons, sorted by name: the clerk, the governor, the administrator.
declare -A account_y=([clerk]=162 [governor]=197 [admin]=232)
nav() { # language, item
    local xpos; xpos=$([ "$1" = fa ] && echo $((width - 106)) || echo 100)
    x mousemove "$xpos" "${nav_y[$2]}" click 1
    sleep 2
}
shoot() { # file
    sleep 1.5
    DISPLAY=$display import -window root "$shots/$1"
}
start() { # language, data folder, [account to log in: clerk, governor or admin]
    DISPLAY=$display ICED_BACKEND=$backend "$bin" --lang "$1" --data-dir "$2" >/dev/null 2>&1 &
    app=$!
    sleep 6
    local window; window=$(x search --pid "$app" | tail -1)
    # Without a window manager the window keeps its own size: made the screen's here.
    x windowmove "$window" 0 0 windowsize "$window" "$width" "$height" windowfocus --sync "$window" || true
    sleep 1
    if [ -n "${3:-}" ]; then
        x mousemove $((width / 2)) "${account_y[$3]}" click 1
        sleep 1
        x type --delay 40 "$password"
        x key Return
        sleep 3
    fi
}
stop() {
    kill "$app"
    wait "$app" 2>/dev/null || true
}

# Every screen a clerk and an administrator see, at any screen size.
shoot_screens() {
for lang in fa en; do
    start "$lang" "$empty/none"
    shoot "first-run-$lang.png"
    x mousemove $((width / 2)) 259 click 1
    type_text 80 "12345"
    x key Return
    shoot "first-run-errors-$lang.png"
    stop

    start "$lang" "$data"
    shoot "login-$lang.png"
    stop
    # A first run to its end: the district, its administrator, and the recovery code shown once.
    # The fields are clicked where they lie on a 768-pixel-high screen (on a lower one the form scrolls).
    if [ "$height" = 768 ]; then
        start "$lang" "$empty/$run/new-$lang"
        for field in "189 بخش مرکزی" "259 1234" "330 مریم احمدی" "398 $password" "464 $password"; do
            x mousemove $((width / 2)) "${field%% *}" click 1
            type_text 40 "${field#* }"
        done
        x key Return
        shoot "recovery-$lang.png"
        stop
    fi
    start "$lang" "$data" clerk
    shoot "counter-$lang.png"
    x key ctrl+f
    type_text 80 "$([ "$lang" = fa ] && echo "علی" || echo "Reza")"
    shoot "counter-search-$lang.png"
    x key ctrl+a
    type_text 40 "$code"
    sleep 1
    x key Return
    shoot "case-$lang.png"
    x key ctrl+n
    type_text 60 "130"
    sleep 1
    shoot "new-case-$lang.png"
    # Tab from the service box: the first service found, with the focus ring.
    x key Tab
    shoot "new-case-focus-$lang.png"
    x key shift+Tab
    x key Return
    shoot "new-case-errors-$lang.png"
    # Back from the service box through the side bar's screens, to the filled «New case» button.
    x key shift+Tab shift+Tab shift+Tab shift+Tab
    shoot "new-case-focus-nav-$lang.png"
    # Leaving a filled form asks first: Esc shows the question and takes it back; the service box
    # (four Tabs on) emptied, the form is left at once.
    x key Escape
    shoot "new-case-discard-$lang.png"
    x key Escape
    x key Tab Tab Tab Tab
    x key ctrl+a BackSpace
    x key Escape
    nav "$lang" 3
    shoot "catalog-$lang.png"
    nav "$lang" 4
    shoot "settings-$lang.png"
    nav "$lang" 5
    shoot "sync-$lang.png"
    stop
done

# Backups, the district key and accounts are the administrator's.
for lang in fa en; do
    start "$lang" "$data" admin
    shoot "counter-admin-$lang.png"
    nav "$lang" 3
    shoot "settings-admin-$lang.png"
    # The district key, below the backups; the accounts, below the printing defaults.
    x mousemove 600 400
    for _ in $(seq 1 2); do x click 5; done
    shoot "settings-key-$lang.png"
    for _ in $(seq 1 13); do x click 5; done
    shoot "settings-accounts-$lang.png"
    stop
done
}
# The district governor issues and prints: a case of service 29 (its workflow t1 → t2 → t3 → d1
# —بلی→ t4, the issuing step; t3 is the governorate's), one per language since issuing happens once; then a new case saved
# and its receipt printed. Button positions are those of a 1366×768 screen.
at_issuing_step() { # national ID
    local code
    code=$(new_case 29 "$1" "علی رضایی" | python3 -c 'import json,sys; print(json.load(sys.stdin)["tracking_code"])')
    # Every required document received: an issue with one missing needs the governor's reason.
    items=$("$bin" --data-dir "$data" case show "$code" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["checklist"]))')
    for n in $(seq 1 "$items"); do "$bin" --data-dir "$data" case document "$code" --number "$n" >/dev/null; done
    for to in t2 t3; do "$bin" --data-dir "$data" case advance "$code" --to "$to" >/dev/null; done
    # t3 is the governorate's: its answer came on paper, recorded with the letter's number and date.
    "$bin" --data-dir "$data" case advance "$code" --to d1 --letter-number "۱۴۰۵/۲۳۱" --letter-date 1405/09/10 >/dev/null
    "$bin" --data-dir "$data" case advance "$code" --to t4 --decision "بلی" >/dev/null
    echo "$code"
}
# The governor's screens, an unreadable data folder's error, and sync with a hub: 1366×768 only.
shoot_governor_and_sync() {
export BAKHSHYAR_USER=$governor
declare -A issuing=([fa]=$(at_issuing_step 0012345679) [en]=$(at_issuing_step 0441234569))
declare -A issue_at=([fa]="850 599" [en]="497 616") print_at=([fa]="990 657" [en]="364 675")
declare -A service_at=([fa]="900 100" [en]="460 100") id_at=([fa]="300 150" [en]="1060 150")
declare -A name_at=([fa]="300 218" [en]="1060 218") receipt_at=([fa]="800 211" [en]="520 211")
for lang in fa en; do
    start "$lang" "$data" governor
    x key ctrl+f
    type_text 40 "${issuing[$lang]}"
    sleep 1
    x key Return
    shoot "case-issue-before-$lang.png"
    # The issue form opens on its validity field: days, Tab to the conditions, Enter issues.
    x mousemove ${issue_at[$lang]} click 1
    sleep 1
    type_text 60 "$([ "$lang" = fa ] && echo "۳۰" || echo "30")"
    # The focus moves a frame after Tab; letters typed sooner go to the field left.
    x key Tab
    sleep 0.5
    type_text 60 "$([ "$lang" = fa ] && echo "فقط در ساعات اداری (8 تا 14)" || echo "Office hours only (8 to 14)")"
    shoot "case-issue-form-$lang.png"
    x key Return
    shoot "case-issued-$lang.png"
    x mousemove ${print_at[$lang]} click 1
    shoot "case-printed-$lang.png"
    x key ctrl+n
    type_text 60 "130"
    sleep 1
    x mousemove ${service_at[$lang]} click 1
    x mousemove ${id_at[$lang]} click 1
    type_text 40 "2789456127"
    x mousemove ${name_at[$lang]} click 1
    type_text 60 "$([ "$lang" = fa ] && echo "مریم احمدی" || echo "Maryam Ahmadi")"
    x key Return
    shoot "new-case-saved-$lang.png"
    x mousemove ${receipt_at[$lang]} click 1
    shoot "new-case-receipt-$lang.png"
    stop
done
ls "$data/printed"
# A path with Persian folder names inside a Persian error: it must read left to right, folders in order.
odd="$empty/$run/اسناد/داده"
mkdir -p "$odd"
head -c 4096 /dev/urandom >"$odd/bakhshyar.redb"
start fa "$odd"
shoot "error-path-fa.png"
stop
# Sync: the outbox before, then the hub's address typed and saved; the background sync sends it.
key=$("$bin" --lang en --data-dir "$data" --user "$admin" sync identity | awk '{print $NF}')
hub_dir=$empty/$run/hub
"$hub_bin" --lang en --data-dir "$hub_dir" init >/dev/null
enrolled=$("$hub_bin" --lang en --data-dir "$hub_dir" enroll --district 1234 --key "$key")
# The district trusts the hub by the line enrolment printed, carried by hand.
read -r hub_id hub_key < <(grep -o -- '--hub-id [^ ]* --key [0-9a-f]*' <<<"$enrolled" | awk '{print $2, $4}')
"$bin" --data-dir "$data" --user "$admin" sync trust --hub-id "$hub_id" --key "$hub_key" >/dev/null
"$hub_bin" --lang en --data-dir "$hub_dir" serve --listen 127.0.0.1:0 >"$hub_dir/serve.out" 2>/dev/null &
hub=$!
sleep 1
address=$(grep -o 'http://[0-9.:]*' "$hub_dir/serve.out")
# Sync is the administrator's (who has no «new case»: the sync screen is the fourth).
start fa "$data" admin
nav fa 4
shoot sync-before-fa.png
x mousemove 600 95 click 1
type_text 50 "$address"
x key Return
sleep 4
shoot sync-after-fa.png
stop
start en "$data" admin
nav en 4
shoot sync-after-en.png
stop
kill "$hub"
wait "$hub" 2>/dev/null || true
hub=
export BAKHSHYAR_USER=$clerk
}

for backend in ${SCREENSHOT_BACKENDS:-wgpu tiny-skia}; do
    for size in ${SCREENSHOT_SIZES:-1366x768 1024x600}; do
        run=$backend-$size width=${size%x*} height=${size#*x}
        shots=$out/$run
        mkdir -p "$shots" "$empty/$run"
        # Each run on its own copy of the seeded district, so one run's acts do not show in the next.
        rm -rf "$data"
        cp -a "$seed" "$data"
        into=$data
        Xvfb "$display" -screen 0 "${size}x24" >/dev/null 2>&1 &
        xvfb=$!
        sleep 2
        shoot_screens
        if [ "$size" = 1366x768 ]; then shoot_governor_and_sync; fi
        kill "$xvfb"
        wait "$xvfb" 2>/dev/null || true
        xvfb=
    done
done
echo "screenshots in $out"
if [ -d "$out.previous" ]; then
    tests/screenshots-compare.sh "$out.previous" "$out" "$out/changes" || true
fi

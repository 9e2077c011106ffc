# tools/bench/lib.sh — the measuring helpers tools/bench/run and tools/bench/projections share. Sourced, not run:
# the caller sets LOGS (a directory for each command's output) and RESULTS (the "key<TAB>value" figures file).

say() { printf '== %s\n' "$*" >&2; }
# put KEY VALUE: one figure of this run (read back by get when BENCHMARKS.md is written).
put() { printf '%s\t%s\n' "$1" "$2" >>"$RESULTS"; printf '   %-28s %s\n' "$1" "$2" >&2; }
get() { awk -F'\t' -v k="$1" '$1 == k { v = $2 } END { print (v == "" ? "-" : v) }' "$RESULTS"; }
calc() { awk "BEGIN { printf \"%.${2:-0}f\", $1 }"; }
# field LINE KEY: the value of key=value in a RESULT line.
field() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k { print $2; exit }'; }
load() { cut -d' ' -f1 /proc/loadavg; }

# measure NAME CMD…: runs CMD with stdout and stderr in $LOGS/NAME.out and .err; records NAME.secs (wall), the
# peak RssAnon and RssFile in KiB (NAME.anon_kib, NAME.file_kib; /proc/PID/status sampled every 50 ms) and the
# 1-minute load average when it started (NAME.load). A failing CMD stops the run with its stderr.
measure() {
  local name=$1
  shift
  local before t0 t1 pid sampler rc=0
  before=$(load)
  t0=$EPOCHREALTIME
  "$@" >"$LOGS/$name.out" 2>"$LOGS/$name.err" &
  pid=$!
  sample_rss "$pid" "$LOGS/$name.rss" &
  sampler=$!
  wait "$pid" || rc=$?
  t1=$EPOCHREALTIME
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  if [ "$rc" -ne 0 ]; then
    echo "'$*' failed (exit $rc):" >&2
    tail -20 "$LOGS/$name.err" >&2
    exit 1
  fi
  local anon=0 file=0
  [ -s "$LOGS/$name.rss" ] && read -r anon file <"$LOGS/$name.rss"
  put "$name.secs" "$(calc "$t1 - $t0" 3)"
  put "$name.anon_kib" "$anon"
  put "$name.file_kib" "$file"
  put "$name.load" "$before"
}

# sample_rss PID FILE: keeps "peakRssAnon peakRssFile" (KiB) of PID in FILE while PID runs.
sample_rss() {
  local pid=$1 out=$2 anon=0 file=0 key value state
  while [ -r "/proc/$pid/status" ]; do
    local a=0 f=0
    state=
    while IFS=$': \t' read -r key value _; do
      case $key in
        State) state=$value ;;
        RssAnon) a=$value ;;
        RssFile) f=$value ;;
      esac
    done <"/proc/$pid/status" 2>/dev/null || break
    [ "$state" = Z ] && break
    if [ "$a" -gt "$anon" ] || [ "$f" -gt "$file" ]; then
      [ "$a" -gt "$anon" ] && anon=$a
      [ "$f" -gt "$file" ] && file=$f
      echo "$anon $file" >"$out"
    fi
    sleep 0.05
  done
}

# wait_idle PID: until PID has used at most 4% of a core over half a second. A wrk run ends with up to one
# request per connection still queued in the server (64 task-list pages are seconds of work); without this the
# next figure would measure that backlog.
wait_idle() {
  local before after
  for _ in $(seq 1 240); do
    before=$(sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }')
    sleep 0.5
    after=$(sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }')
    [ $((after - before)) -le 2 ] && return 0
  done
  echo "the server at pid $1 did not go idle in 2 minutes" >&2
}
wait_http() {
  for _ in $(seq 1 600); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "no answer from $1" >&2
  exit 1
}

# write_block LABEL GENERATED OUT: replaces the text between "<!-- bench:begin LABEL -->" and "<!-- bench:end LABEL -->"
# in OUT with the file GENERATED (appending the block when OUT has none), keeping everything else.
write_block() {
  local label=$1 generated=$2 out=$3
  local begin_mark="<!-- bench:begin $label -->" end_mark="<!-- bench:end $label -->"
  if [ -f "$out" ] && grep -qF "$begin_mark" "$out"; then
    awk -v gen="$generated" -v b="$begin_mark" -v e="$end_mark" '
      $0 == b { print; while ((getline line < gen) > 0) print line; skip = 1; next }
      $0 == e { skip = 0 }
      !skip { print }
    ' "$out" >"$out.tmp"
  else
    { [ -f "$out" ] && cat "$out" || printf '# Benchmarks\n'; printf '\n%s\n' "$begin_mark"; cat "$generated"; echo "$end_mark"; } >"$out.tmp"
  fi
  mv "$out.tmp" "$out"
}

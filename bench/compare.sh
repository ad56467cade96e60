#!/usr/bin/env bash
# Whole-process timings (and peak memory) of brief against what a user would reach for
# instead, on the same data, in one run, with the ratio of medians; at the end the same
# figures as a Markdown table for the README (| work | brief | peer | ratio | goal |).
# Needs hyperfine and python3; uses jq, rg, jless, git and wdiff where installed (a
# missing peer is skipped with a note).
#
#   bench/compare.sh                 # everything: 1,000 synthetic briefs (~65 MB) and
#                                    # 1,000 texts' histories, each made once
#   BRIEFS=200 bench/compare.sh      # a smaller corpus of briefs
#   TEXTS=100 PARAS=1000 VERSIONS=2 bench/compare.sh   # a smaller library of texts
#   bench/compare.sh diff            # only brief diff against git diff and wdiff
#   bench/compare.sh texts           # only the library of texts (list, search, memory)
#
# Other knobs: RUNS (hyperfine runs, 10), DIFF_RUNS (those of the diffs, 300), TEXT_RUNS (runs of the slow --no-cache search
# over the texts, 3), FF_RUNS (first-frame runs, 20), MEM_RUNS (reader memory runs, 3), SIZE
# (terminal, 100x30), QUERY (multistakeholder), TEXT_QUERY (recalling), SKIP (peers to
# leave out as if not installed: "rg jq jless git wdiff").
#
# The corpus lives in target/bench-corpus-N (YAML) and target/bench-corpus-N-json (JSON),
# the texts in target/bench-texts-TxPxV; delete them to make them anew.
set -euo pipefail
cd "$(dirname "$0")/.."

BRIEFS=${BRIEFS:-1000}
RUNS=${RUNS:-10}
TEXTS=${TEXTS:-1000}
PARAS=${PARAS:-1000}
VERSIONS=${VERSIONS:-2}
TEXT_RUNS=${TEXT_RUNS:-3}
FF_RUNS=${FF_RUNS:-20}
MEM_RUNS=${MEM_RUNS:-3}
SIZE=${SIZE:-100x30}
QUERY=${QUERY:-multistakeholder}
corpus_pace=""
TEXT_QUERY=${TEXT_QUERY:-recalling}
command -v hyperfine >/dev/null || { echo "bench/compare.sh needs hyperfine (apt install hyperfine)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench/compare.sh needs python3" >&2; exit 2; }
# SKIP="rg jq jless" runs as if those were not installed.
has() { [[ " ${SKIP:-} " != *" $1 "* ]] && command -v "$1" >/dev/null; }
missing() { echo "  ($1 is not installed: $2 skipped)"; }

cargo build --release --quiet --bin brief --example gen-corpus --example gen-drafts
corpus=$PWD/target/bench-corpus-$BRIEFS
json=$corpus-json
texts=$PWD/target/bench-texts-${TEXTS}x${PARAS}x${VERSIONS}
if [ "${1:-}" != diff ]; then
  made=
  if [ "${1:-}" != texts ] && [ ! -f "$corpus/gen-registry.yaml" ]; then
    rm -rf "$corpus" "$json"
    target/release/examples/gen-corpus --out "$corpus" --json "$json" --briefs "$BRIEFS"
    made=1
  fi
  if [ ! -f "$texts/.complete" ]; then
    rm -rf "$texts"
    target/release/examples/gen-drafts --out "$texts" --texts "$TEXTS" --paragraphs "$PARAS" --versions "$VERSIONS"
    touch "$texts/.complete"
    made=1
  fi
  # The load cache trusts only files that have not changed for two seconds.
  [ -z "$made" ] || sleep 3
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Timed as installed: `cargo install` and packages copy the binary. The file the linker
# wrote takes about 20 more page faults to start than a copy of it (205 against 182 for
# `show`), about 0.15 ms, which would count against every millisecond figure below.
cp target/release/brief "$work/brief"
brief=$work/brief
export BRIEF_CACHE_DIR=$work/cache XDG_CONFIG_HOME=$work/config
big=(--no-builtin --briefs "$corpus")

# Figures: ms → "1.9 ms" / "224 ms" / "1.23 s"; a ratio → "0.17×" / "2.4×" / "16×".
ms() { awk -v t="$1" 'BEGIN { if (t >= 1000) printf "%.2f s", t / 1000; else if (t >= 100) printf "%.0f ms", t; else printf "%.1f ms", t }'; }
ratio() { awk -v r="$(awk -v a="$1" -v b="$2" 'BEGIN { print a / b }')" 'BEGIN { if (r >= 10) printf "%.0f×", r; else if (r >= 1) printf "%.1f×", r; else printf "%.2f×", r }'; }
# 1000 → 1,000
num() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
# The load average over the last minute: other work on the machine slows every figure.
load() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?"; }
mb() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1e6 }'; }
# Whether a ratio meets a goal of at most $2: " ✓" or " ✗" (nothing without a goal).
verdict() { [ -n "$2" ] || return 0; awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 <= b + 0) printf " ✓"; else printf " ✗" }'; }

# The median of `KEY=…` over the runs in $work/mem.txt.
pick() { grep -o "$1=[0-9]*" "$work/mem.txt" | cut -d= -f2 | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# Peak resident size of a child process, in bytes (what /usr/bin/time -f %M reports, ×1024).
peak_of() { python3 -c 'import resource,subprocess,sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)' "$@"; }

# The summary, one Markdown row each: row WORK BRIEF PEER RATIO GOAL
table=()
row() { table+=("| $1 | $2 | $3 | $4 | $5 |"); }

# median of hyperfine's JSON export, in ms, for command number $2 (0-based)
median() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['median']*1000)" "$1" "$2"; }

# compare NAME BRIEF_COMMAND OTHER_COMMAND...: time them, print brief's ratio to each
# other; the medians in ms are left in med[0] (brief), med[1]... (extra hyperfine flags
# in $hf_flags, the number of runs in $runs). With $balanced set, a second round runs
# brief last, and each command's figure is the mean of its two medians: for commands a
# few milliseconds long, brief's ratio to git moved by up to 0.04 between the two orders.
hf_flags=()
runs=$RUNS
balanced=
med=()
compare() {
  local name=$1; shift
  local warmup=2
  [ "$runs" -ge 5 ] || warmup=1
  hyperfine -N --style none --warmup "$warmup" --runs "$runs" "${hf_flags[@]}" --export-json "$work/t.json" "$@" >/dev/null 2>&1
  local n=$#
  if [ -n "$balanced" ]; then
    hyperfine -N --style none --warmup "$warmup" --runs "$runs" "${hf_flags[@]}" --export-json "$work/u.json" "${@:2}" "$1" >/dev/null 2>&1
  fi
  # Command k's median, or with $balanced the mean of its medians in both rounds.
  figure() {
    if [ -n "$balanced" ]; then
      local other=$(( $1 == 0 ? n - 1 : $1 - 1 ))
      awk -v a="$(median "$work/t.json" "$1")" -v b="$(median "$work/u.json" "$other")" 'BEGIN { print (a + b) / 2 }'
    else
      median "$work/t.json" "$1"
    fi
  }
  med=("$(figure 0)")
  printf '\n%s\n  %-66s %9.1f ms\n' "$name" "${1:0:66}" "${med[0]}"
  local i=1; shift
  for other in "$@"; do
    med+=("$(figure "$i")")
    printf '  %-66s %9.1f ms   brief is %s\n' "${other:0:66}" "${med[$i]}" "$(ratio "${med[0]}" "${med[$i]}")"
    i=$((i + 1))
  done
}

# Two versions of a negotiated text (synthetic, 150 and 1,000 paragraphs): brief diff
# aligns paragraphs and diffs words; git's word diff and wdiff diff words only. Both
# exit 1 on a difference, hence -i.
diff_section() {
  local d
  # A few milliseconds each: ten runs leave the ratio to chance (1.1× one run, 0.82×
  # another), so these take DIFF_RUNS (300) each, in two rounds of either order.
  local runs_before=$runs
  runs=${DIFF_RUNS:-300}
  balanced=1
  hf_flags=(-i)
  for n in 150 1000; do
    d=$PWD/target/bench-drafts-$n
    [ -f "$d/v02.txt" ] || target/release/examples/gen-drafts --out "$d" --paragraphs "$n" --versions 2
    local others=() peer="" r="—"
    has git && others+=("git diff --no-index --word-diff $d/v01.txt $d/v02.txt")
    has wdiff && others+=("wdiff $d/v01.txt $d/v02.txt")
    compare "diff two $n-paragraph versions" "$brief diff $d/v01.txt $d/v02.txt" "${others[@]}"
    [ ${#others[@]} -gt 0 ] || echo "  (neither git nor wdiff installed: brief diff timed alone)"
    local i=1
    for other in "${others[@]}"; do
      [ -z "$peer" ] || peer+="; "
      peer+="\`${other%% *}\` $(ms "${med[$i]}")"
      [ "$r" != "—" ] || r="$(ratio "${med[0]}" "${med[$i]}") ${other%% *}"
      i=$((i + 1))
    done
    # Issue 22's goal, on the short drafts: no slower than git's word diff.
    local goal=""
    if [ "$n" = 150 ] && has git; then
      goal="≤ 1.0× git$(verdict "$(awk -v a="${med[0]}" -v b="${med[1]}" 'BEGIN{print a/b}')" 1.0)"
    fi
    row "\`brief diff\` of two $n-paragraph versions" "$(ms "${med[0]}")" "${peer:-—}" "$r" "$goal"
  done
  hf_flags=()
  runs=$runs_before
  balanced=
}
print_table() {
  echo
  echo "load average (1 min) at the end: $(load)"
  echo
  echo "Summary (paste into the README):"
  echo
  echo "| work | brief | peer | ratio | goal |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${table[@]}"
}
if [ "${1:-}" = diff ]; then
  diff_section
  print_table
  exit 0
fi

if [ "${1:-}" != texts ]; then
corpus_bytes=$(du -sb "$corpus" | cut -f1)
echo "brief $("$brief" --version | cut -d' ' -f2), $(nproc) cores, corpus: $BRIEFS briefs, $(mb "$corpus_bytes") of YAML ($corpus_bytes bytes);"
echo "texts: $(num "$TEXTS") histories of $VERSIONS versions of $(num "$PARAS") paragraphs, $(mb "$(du -sb "$texts" | cut -f1)"); terminal $SIZE"
echo "load average (1 min) at the start: $(load) (anything else running slows every figure)"

# ---- search the corpus, against ripgrep over the same files ------------------------------
"$brief" "${big[@]}" list >/dev/null # fills the cache
if has rg; then
  compare "search '$QUERY' over the corpus" "$brief ${big[*]} search $QUERY" "rg -c -i $QUERY $corpus"
  r=$(ratio "${med[0]}" "${med[1]}")
  corpus_pace=$r
  row "\`search $QUERY\` over the corpus" "$(ms "${med[0]}")" "\`rg -c -i\` $(ms "${med[1]}")" "$r" "≤ 2× rg$(verdict "$(awk -v a="${med[0]}" -v b="${med[1]}" 'BEGIN{print a/b}')" 2)"
else
  compare "search '$QUERY' over the corpus" "$brief ${big[*]} search $QUERY"
  missing rg "the peer of search"
  row "\`search $QUERY\` over the corpus" "$(ms "${med[0]}")" "(rg not installed)" "—" "≤ 2× rg"
fi

# ---- first frame of the reader with the built-ins, in a SIZE pseudo-terminal ------------
largest=$(ls -S briefs/*.yaml | head -1)
largest_id=$(basename "$largest" .yaml)
"$brief" show -f json "$largest_id" | python3 -c "import json,sys; json.dump(json.load(sys.stdin)['data'], open(sys.argv[1],'w'))" "$work/$largest_id.json"
"$brief" show -f json wsis20-overview | python3 -c "import json,sys; json.dump(json.load(sys.stdin)['data'], open(sys.argv[1],'w'))" "$work/overview.json"
"$brief" list >/dev/null # the built-ins into the cache
echo
echo "first frame, $SIZE (median of $FF_RUNS, ms; until a text of the first frame is on screen)"
ff() { python3 bench/first_frame.py --runs "$FF_RUNS" --size "$SIZE" "$@"; }
# The first frame shows the first brief's title (in the header), whichever brief that is.
first_title=$("$brief" list | python3 -c "import sys; print(sys.stdin.readline().split('\t')[1].strip()[:16])")
ours=$(ff "$first_title" -- "$brief")
printf '  %-66s %9s ms\n' "brief (built-in briefs)" "$ours"
if has jless; then
  # jless shows the file's name in its status line, drawn with the first frame.
  theirs=$(ff "$largest_id.json" -- jless "$work/$largest_id.json")
  printf '  %-66s %9s ms   brief is %s\n' "jless on the largest built-in brief ($largest_id), as JSON" "$theirs" "$(ratio "$ours" "$theirs")"
  printf '  %-66s %9s ms\n' "jless $largest" "$(ff "$largest_id.yaml" -- jless "$largest")"
  row "first frame of the reader, built-ins, ${SIZE/x/×} pty" "$(ms "$ours")" "\`jless\` on $largest_id.json $(ms "$theirs")" "$(ratio "$ours" "$theirs")" "≤ 1.0× jless$(verdict "$(awk -v a="$ours" -v b="$theirs" 'BEGIN{print a/b}')" 1.0)"
else
  missing jless "the peer of the first frame"
  row "first frame of the reader, built-ins, ${SIZE/x/×} pty" "$(ms "$ours")" "(jless not installed)" "—" "≤ 1.0× jless"
fi
# The reader shows the briefs at once if they load within 50 ms, else a loading bar first.
if ready=$(ff --timeout 10 'loading briefs' -- "$brief" "${big[@]}" 2>/dev/null); then
  printf '  %-66s %9s ms\n' "brief on the corpus: first frame (loading shown)" "$ready"
  row "reader on the corpus: first frame (loading bar)" "$(ms "$ready")" "" "" ""
else
  echo "  (brief on the corpus drew no loading bar: the briefs came within 50 ms)"
fi
ready=$(ff "/$BRIEFS" -- "$brief" "${big[@]}")
printf '  %-66s %9s ms\n' "brief on the corpus: briefs shown, from the cache" "$ready"
row "reader on the corpus: briefs on screen (cache)" "$(ms "$ready")" "" "" ""

# ---- show a section of a built-in brief, against cat of its file and jq on a JSON copy ---
"$brief" show wsis20-overview/issues >/dev/null
others=("cat briefs/wsis20-overview.yaml")
has jq && others+=("jq '.sections[] | select(.id == \"issues\")' $work/overview.json")
compare "show a section of a built-in brief" "$brief show wsis20-overview/issues" "${others[@]}"
peer="\`cat\` of the file $(ms "${med[1]}")"
has jq && peer+="; \`jq\` on a JSON copy $(ms "${med[2]}")"
has jq || missing jq "the jq peer of show"
row "\`show wsis20-overview/issues\` (built-in)" "$(ms "${med[0]}")" "$peer" "$(ratio "${med[0]}" "${med[1]}") cat" "≤ 2× cat$(verdict "$(awk -v a="${med[0]}" -v b="${med[1]}" 'BEGIN{print a/b}')" 2)"

# ---- peak memory: the reader on the corpus after one search; brief search ----------------
echo
echo "peak memory (VmHWM), the reader on the corpus in a $SIZE pty: briefs shown, /$QUERY typed,"
echo "the count of matches shown, Enter; median of $MEM_RUNS"
for _ in $(seq "$MEM_RUNS"); do
  python3 bench/reader_memory.py --size "$SIZE" --query "$QUERY" --ready "/$BRIEFS" -- "$brief" "${big[@]}"
done >"$work/mem.txt"
sed 's/^/  /' "$work/mem.txt"
peak=$(($(pick peak_kb) * 1024))
printf '  %-66s %9s\n' "reader, peak after one search" "$(mb "$peak")"
printf '  %-66s %9s   brief is %s\n' "the corpus on disk (du -sb)" "$(mb "$corpus_bytes")" "$(ratio "$peak" "$corpus_bytes")"
row "peak memory, reader on the corpus, after one search" "$(mb "$peak")" "the corpus on disk $(mb "$corpus_bytes")" "$(ratio "$peak" "$corpus_bytes")" "≤ 2×$(verdict "$(awk -v a="$peak" -v b="$corpus_bytes" 'BEGIN{print a/b}')" 2)"
row "reader on the corpus: \`/$QUERY\` typed to its count on screen" "$(pick results_ms) ms" "" "" ""
speak=$(peak_of "$brief" "${big[@]}" search "$QUERY")
printf '  %-66s %9s   brief is %s\n' "brief search $QUERY, peak" "$(mb "$speak")" "$(ratio "$speak" "$corpus_bytes")"
row "peak memory, \`brief search $QUERY\` over the corpus" "$(mb "$speak")" "the corpus on disk $(mb "$corpus_bytes")" "$(ratio "$speak" "$corpus_bytes")" ""

# ---- load the corpus: nothing changed (cache), from scratch; against jq parsing the JSON -
jq_all="sh -c 'jq empty $json/*.json'"
others=()
has jq && others+=("$jq_all")
compare "load the corpus, nothing changed (brief list)" "$brief ${big[*]} list" "${others[@]}"
has jq || missing jq "the peer of load"
if has jq; then
  row "load the corpus, nothing changed (cache) (\`brief list\`)" "$(ms "${med[0]}")" "\`jq empty\` on the corpus as JSON $(ms "${med[1]}")" "$(ratio "${med[0]}" "${med[1]}")" "keep (about 0.2×)"
else
  row "load the corpus, nothing changed (cache) (\`brief list\`)" "$(ms "${med[0]}")" "(jq not installed)" "—" "keep (about 0.2×)"
fi
compare "load the corpus, no cache (brief list --no-cache)" "$brief --no-cache ${big[*]} list" "${others[@]}"
if has jq; then
  row "load the corpus from scratch (\`--no-cache\`)" "$(ms "${med[0]}")" "\`jq empty\` $(ms "${med[1]}")" "$(ratio "${med[0]}" "${med[1]}")" ""
else
  row "load the corpus from scratch (\`--no-cache\`)" "$(ms "${med[0]}")" "(jq not installed)" "—" ""
fi

fi # the corpus of briefs

# ---- negotiated texts: TEXTS histories of PARAS paragraphs, against rg over the same files
# The library of texts must open as the corpus of briefs does: from the cache (nothing
# changed, as is usual), then reading every file afresh. Goals are ratios (issue 21).
what="$(num "$TEXTS") texts' histories of $(num "$PARAS") paragraphs, $VERSIONS versions each"
tbytes=$(du -sb "$texts" | cut -f1)
tlib=(--no-builtin --briefs "$texts")
tsearch=("${tlib[@]}" search "$TEXT_QUERY")
# Ratio of $1 to $2 as a number, for verdict.
quot() { awk -v a="$1" -v b="$2" 'BEGIN { print a / b }'; }
export BRIEF_CACHE_DIR=$work/text-cache
first=$(python3 -c 'import subprocess,sys,time; t=time.perf_counter(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); print((time.perf_counter()-t)*1000)' "$brief" "${tlib[@]}" list)
cache_bytes=$(du -sb "$BRIEF_CACHE_DIR" | cut -f1)
echo
echo "texts: first load with an empty cache $(ms "$first"); the cache $(mb "$cache_bytes"), $(ratio "$cache_bytes" "$tbytes") the version files ($(mb "$tbytes"))"
row "first load of $what, empty cache (\`list\`)" "$(ms "$first")" "" "" ""
row "the cache of those texts" "$(mb "$cache_bytes")" "the texts on disk $(mb "$tbytes")" "$(ratio "$cache_bytes" "$tbytes")" "≤ 1.5×$(verdict "$(quot "$cache_bytes" "$tbytes")" 1.5)"
rg_row() { # rg_row WORK GOAL: compare's brief against rg as a row
  if has rg; then
    row "$1" "$(ms "${med[0]}")" "\`rg -c -i\` $(ms "${med[1]}")" "$(ratio "${med[0]}" "${med[1]}")" "≤ $2× rg$(verdict "$(quot "${med[0]}" "${med[1]}")" "$2")"
  else
    row "$1" "$(ms "${med[0]}")" "(rg not installed)" "—" "≤ $2× rg"
  fi
}
peers=()
has rg && peers+=("rg -c -i $TEXT_QUERY $texts")
has rg || missing rg "the peer of the texts' list and search"
compare "list $what (cache)" "$brief ${tlib[*]} list" "${peers[@]}"
rg_row "\`list\` of $what (cache)" 2
lpeak=$(peak_of "$brief" "${tlib[@]}" list)
row "peak memory of that list" "$(mb "$lpeak")" "the texts on disk $(mb "$tbytes")" "$(ratio "$lpeak" "$tbytes")" "≤ 1.5×$(verdict "$(quot "$lpeak" "$tbytes")" 1.5)"
compare "search '$TEXT_QUERY' over $what (cache)" "$brief ${tsearch[*]}" "${peers[@]}"
rg_row "\`search $TEXT_QUERY\` over $what (cache)" 2
tpeak=$(peak_of "$brief" "${tsearch[@]}")
row "peak memory of that search" "$(mb "$tpeak")" "the texts on disk $(mb "$tbytes")" "$(ratio "$tpeak" "$tbytes")" "≤ 1.5×$(verdict "$(quot "$tpeak" "$tbytes")" 1.5)"
for _ in $(seq "$MEM_RUNS"); do
  python3 bench/reader_memory.py --size "$SIZE" --query "$TEXT_QUERY" --ready "/$TEXTS" -- "$brief" "${tlib[@]}"
done >"$work/mem.txt"
sed 's/^/  /' "$work/mem.txt"
rpeak=$(($(pick peak_kb) * 1024))
printf '  %-66s %9s   brief is %s of the texts on disk\n' "reader on the texts, peak after one search" "$(mb "$rpeak")" "$(ratio "$rpeak" "$tbytes")"
row "peak memory, reader on those texts after one search" "$(mb "$rpeak")" "the texts on disk $(mb "$tbytes")" "$(ratio "$rpeak" "$tbytes")" "≤ 1.5×$(verdict "$(quot "$rpeak" "$tbytes")" 1.5)"
row "reader on those texts: \`/$TEXT_QUERY\` typed to its count on screen" "$(pick results_ms) ms" "" "" ""
runs=$TEXT_RUNS
compare "search '$TEXT_QUERY' over $what (--no-cache)" "$brief --no-cache ${tsearch[*]}" "${peers[@]}"
rg_row "the same search, every file read afresh (\`--no-cache\`)" 20
# shellcheck disable=SC2086 # one flag
npeak=$(peak_of "$brief" --no-cache "${tsearch[@]}")
row "peak memory of that search" "$(mb "$npeak")" "the texts on disk $(mb "$tbytes")" "$(ratio "$npeak" "$tbytes")" ""
export BRIEF_CACHE_DIR=$work/cache
runs=$RUNS

[ "${1:-}" = texts ] || diff_section
print_table

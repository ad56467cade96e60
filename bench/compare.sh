#!/usr/bin/env bash
# Whole-process timings of brief against what a user would reach for instead, on the same
# data, with the ratio of medians. Needs hyperfine; uses jq, rg and jless where installed.
#
#   bench/compare.sh                 # 1,000 synthetic briefs (~65 MB), made once
#   BRIEFS=200 bench/compare.sh      # a smaller corpus
#   bench/compare.sh diff            # only brief diff against git diff and wdiff
#
# The corpus lives in target/bench-corpus-N (YAML) and target/bench-corpus-N-json (JSON).
set -euo pipefail
cd "$(dirname "$0")/.."

BRIEFS=${BRIEFS:-1000}
RUNS=${RUNS:-10}
command -v hyperfine >/dev/null || { echo "bench/compare.sh needs hyperfine (apt install hyperfine)" >&2; exit 2; }
has() { command -v "$1" >/dev/null; }

cargo build --release --quiet --bin brief --example gen-corpus --example gen-drafts
brief=$PWD/target/release/brief
corpus=$PWD/target/bench-corpus-$BRIEFS
json=$corpus-json
if [ "${1:-}" != diff ] && [ ! -f "$corpus/gen-registry.yaml" ]; then
  rm -rf "$corpus" "$json"
  target/release/examples/gen-corpus --out "$corpus" --json "$json" --briefs "$BRIEFS"
  # The load cache trusts only files that have not changed for two seconds.
  sleep 3
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BRIEF_CACHE_DIR=$work/cache XDG_CONFIG_HOME=$work/config
big=(--no-builtin --briefs "$corpus")

# median of hyperfine's JSON export, in ms, for command number $2 (0-based)
median() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['median']*1000)" "$1" "$2"; }

# compare NAME BRIEF_COMMAND OTHER_COMMAND...: time them, print brief's ratio to each other
# (extra hyperfine flags in $hf_flags)
hf_flags=()
compare() {
  local name=$1; shift
  hyperfine -N --style none --warmup 2 --runs "$RUNS" "${hf_flags[@]}" --export-json "$work/t.json" "$@" >/dev/null 2>&1
  local ours; ours=$(median "$work/t.json" 0)
  printf '\n%s\n  %-58s %9.1f ms\n' "$name" "${1:0:58}" "$ours"
  local i=1; shift
  for other in "$@"; do
    local theirs; theirs=$(median "$work/t.json" "$i")
    printf '  %-58s %9.1f ms   brief is %.2fx\n' "${other:0:58}" "$theirs" \
      "$(python3 -c "print($ours/$theirs)")"
    i=$((i + 1))
  done
}

# Two versions of a negotiated text (synthetic, 150 and 1,000 paragraphs): brief diff
# aligns paragraphs and diffs words; git's word diff and wdiff diff words only. Both
# exit 1 on a difference, hence -i.
diff_section() {
  local d
  hf_flags=(-i)
  for n in 150 1000; do
    d=$PWD/target/bench-drafts-$n
    [ -f "$d/v02.txt" ] || target/release/examples/gen-drafts --out "$d" --paragraphs "$n" --versions 2
    local others=()
    has git && others+=("git diff --no-index --word-diff $d/v01.txt $d/v02.txt")
    has wdiff && others+=("wdiff $d/v01.txt $d/v02.txt")
    [ ${#others[@]} -gt 0 ] || echo "(neither git nor wdiff installed: brief diff timed alone)"
    compare "diff two $n-paragraph versions" "$brief diff $d/v01.txt $d/v02.txt" "${others[@]}"
  done
  hf_flags=()
}
if [ "${1:-}" = diff ]; then
  diff_section
  exit 0
fi

echo "brief $("$brief" --version | cut -d' ' -f2), $(nproc) cores, corpus: $BRIEFS briefs, $(du -sh "$corpus" | cut -f1) of YAML"

# Built-in brief: a section to stdout, against cat of its whole file and jq on a JSON copy.
"$brief" show -f json wsis20-overview | python3 -c "import json,sys; json.dump(json.load(sys.stdin)['data'], open('$work/overview.json','w'))"
"$brief" show wsis20-overview/issues >/dev/null # fills the cache
others=("cat briefs/wsis20-overview.yaml")
has jq && others+=("jq '.sections[] | select(.id == \"issues\")' $work/overview.json")
compare "show a section of a built-in brief" "$brief show wsis20-overview/issues" "${others[@]}"

# Large corpus: load from scratch, load with nothing changed, against jq parsing the JSON.
"$brief" "${big[@]}" list >/dev/null # fills the cache
jq_all="sh -c 'jq empty $json/*.json'"
others=()
has jq && others+=("$jq_all")
compare "load the corpus, no cache (brief list)" "$brief --no-cache ${big[*]} list" "${others[@]}"
compare "load the corpus, nothing changed (brief list)" "$brief ${big[*]} list" "${others[@]}"

# Search the corpus, against ripgrep over the same files.
if has rg; then
  compare "search the corpus" "$brief ${big[*]} search 'spectrum policy'" "rg -i 'spectrum policy' $corpus"
fi

# Time to first frame in a 200x60 pseudo-terminal.
echo
echo "first frame (median of 20, ms; until the brief's title is on screen)"
ff() { python3 bench/first_frame.py --runs 20 "$@"; }
printf '  %-58s %9s ms\n' "brief (built-in briefs)" "$(ff 'WSIS+20' -- "$brief")"
if has jless; then
  printf '  %-58s %9s ms\n' "jless briefs/wsis20-overview.yaml" "$(ff 'WSIS+20' -- jless briefs/wsis20-overview.yaml)"
  printf '  %-58s %9s ms\n' "jless on the largest built-in brief, as JSON" "$(ff 'WSIS+20' -- jless "$work/overview.json")"
fi
printf '  %-58s %9s ms\n' "brief on the corpus: first frame (loading shown)" "$(ff 'loading briefs' -- "$brief" "${big[@]}")"
printf '  %-58s %9s ms\n' "brief on the corpus: briefs shown, from the cache" "$(ff "(1)" -- "$brief" "${big[@]}")"

diff_section

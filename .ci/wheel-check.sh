#!/usr/bin/env bash
# CI job: what a user gets from a plain `pip install` of the wheel, no extras. Builds the wheel, installs it
# into a fresh venv (torch pinned first: any other torch pulls gigabytes of CUDA packages), and runs the
# README's everyday commands from outside the checkout, so nothing is imported from the source tree.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kg-wheel-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
PY="${PYTHON:-python3}"

"$PY" -m pip wheel --quiet --no-deps -w "$WORK/dist" "$REPO"
"$PY" -m venv "$WORK/venv"
V="$WORK/venv/bin"
"$V/python" -m pip install --quiet torch==2.13.0
"$V/python" -m pip install --quiet "$WORK"/dist/kg_news-*.whl
cp -r "$REPO/samples" "$WORK/samples"
cd "$WORK"
export KG_CACHE_DIR="$WORK/cache"
set -x
"$V/kg" build samples -o OUT
"$V/kg" query OUT --name who-met
"$V/kg" stats OUT
"$V/kg" view OUT -o x.html
"$V/kg" export OUT --format graphml -o g.graphml
set +x
# The installed package, not the checkout, answered.
"$V/python" -c "import kg, sys; assert '$REPO' not in kg.__file__, kg.__file__; print('kg from', kg.__file__)"
# The derived tables ship in the wheel (an absent common-words list would silently keep every common phrase).
"$V/python" -c "from kg.commonwords import load; from kg.linking import LinkTable; assert len(load()) > 5000; assert LinkTable.load().offices"
test -s OUT/graph.trig && test -s x.html && test -s g.graphml
echo "wheel check: OK"

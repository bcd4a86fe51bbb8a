#!/bin/sh
# Score the loader against a labeled corpus (micro F1 per field); not run by the tests.
#
#   benchmarks/score_loader.sh CORPUS [score.py options...]
#
# CORPUS holds gold/<source>/NNN.yaml, raw/<source>/NNN.txt and score.py (the layout of
# the shared corpus, e.g. path/to/corpus). The loader runs as `pressroom ingest`
# from the environment of this checkout: $PRESSROOM (default: .venv/bin/pressroom beside
# this script's project, else `pressroom` on PATH). Extra options go to score.py, e.g.
#   benchmarks/score_loader.sh path/to/corpus --show-errors --min people=0.9
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 CORPUS [score.py options...]" >&2
    exit 2
fi
corpus=$1
shift
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${PRESSROOM:-}" ]; then
    if [ -x "$here/.venv/bin/pressroom" ]; then
        PRESSROOM="$here/.venv/bin/pressroom"
    else
        PRESSROOM=pressroom
    fi
fi
python=$(dirname "$(command -v "$PRESSROOM")")/python
[ -x "$python" ] || python=python3
exec "$python" "$corpus/score.py" --gold "$corpus/gold" --raw "$corpus/raw" \
    --cmd "$PRESSROOM ingest" "$@"

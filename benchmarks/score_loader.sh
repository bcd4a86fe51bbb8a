#!/bin/sh
# Score the loader against a labeled corpus (micro F1 per field); not run by the tests.
#
#   benchmarks/score_loader.sh CORPUS [--scorer SCORE_PY] [score.py options...]
#
# CORPUS holds gold/<source>/NNN.yaml and raw/<source>/NNN.txt (the layout of the shared
# corpus, e.g. path/to/corpus) and, unless --scorer names one elsewhere, score.py. The
# held-out set in benchmarks/heldout has no scorer of its own: score it with a corpus's,
#   benchmarks/score_loader.sh benchmarks/heldout --scorer path/to/corpus/score.py --show-errors The loader runs as `pressroom ingest`
# from the environment of this checkout: $PRESSROOM (default: .venv/bin/pressroom beside
# this script's project, else `pressroom` on PATH). Extra options go to score.py, e.g.
#   benchmarks/score_loader.sh path/to/corpus --show-errors --min people=0.9
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 CORPUS [--scorer SCORE_PY] [score.py options...]" >&2
    exit 2
fi
corpus=$1
shift
scorer=$corpus/score.py
if [ "${1:-}" = "--scorer" ]; then
    if [ $# -lt 2 ]; then
        echo "$0: --scorer needs the path of a score.py" >&2
        exit 2
    fi
    scorer=$2
    shift 2
fi
if [ ! -f "$scorer" ]; then
    echo "$0: no scorer at $scorer (give one with --scorer)" >&2
    exit 2
fi
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
exec "$python" "$scorer" --gold "$corpus/gold" --raw "$corpus/raw" \
    --cmd "$PRESSROOM ingest" "$@"

#!/bin/sh
# eval/run.sh — `make eval`: every quality figure with the command that made it → bench/QUALITY.md (eval/quality.py).
cd "$(dirname "$0")/.." || exit 2
RASD=${RASD:-build/rasd} python3 eval/quality.py --out "${QUALITY_OUT:-bench/QUALITY.md}"

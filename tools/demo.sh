#!/bin/sh
# demo.sh — the `make demo` job (completed by the store stage): runs rasd on the bundled examples.
RASD=${1:-build/rasd}
echo "demo: rasd $($RASD --version)"

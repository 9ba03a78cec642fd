#!/bin/sh
# deps.sh — installs the missing Debian packages given as arguments (as root), or prints the command.
missing=""
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "deps: installing$missing"
  (apt-get install -y -qq $missing >/dev/null 2>&1) || { apt-get update -qq && apt-get install -y -qq $missing; } || exit 1
else
  echo "deps: missing packages:$missing"
  echo "deps: run: sudo apt-get install -y$missing"
  exit 1
fi

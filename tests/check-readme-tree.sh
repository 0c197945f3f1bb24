#!/bin/sh
# check-readme-tree.sh — the README's "Where things are" tables match the tree: every source
# file under src/ and tests/ is named there (a .c with its .h, -private.h and .ui as one
# name), and every file name there still exists. Usage: check-readme-tree.sh SOURCE_ROOT
set -u
root=${1:?usage: check-readme-tree.sh SOURCE_ROOT}
readme=$root/README.md
status=0

# The section only, from its heading to the next heading of the same level.
section=$(sed -n '/^## Where things are/,/^## [^W]/p' "$readme")

for dir in src/core src/server src/app src/app/gtk tests; do
  for path in "$root/$dir"/*.c "$root/$dir"/*.h "$root/$dir"/*.ui "$root/$dir"/*.py; do
    [ -e "$path" ] || continue
    name=$(basename "$path" | sed -E 's/\.(c|h|ui)$//; s/-private$//')
    case $dir in src/app/gtk) name=gtk/$name ;; esac
    if ! printf '%s\n' "$section" | grep -qF "\`$name\`"; then
      echo "README.md does not name $dir/$(basename "$path") (as \`$name\`)"
      status=1
    fi
  done
done

# Every `name` in a file row of a folder's table must exist in that folder.
printf '%s\n' "$section" | awk '
  /^### `/ { split($0, part, "`"); folder = part[2]; next }
  /^## / { folder = "" }
  folder != "" && /^\| `/ { split($0, cell, "`"); print folder " " cell[2] }' |
while read -r folder name; do
  found=no
  for ext in .c .h -private.h .ui ""; do
    [ -e "$root/$folder$name$ext" ] && found=yes
  done
  if [ $found = no ]; then
    echo "README.md names $folder$name, which does not exist"
    exit 1
  fi
done || status=1

[ $status = 0 ] && echo "README.md names every file of src/ and tests/, and nothing else"
exit $status

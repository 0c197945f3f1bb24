#!/bin/sh
# check-mime-type.sh MIME_XML: installs the built shared-mime-info package MIME_XML into a
# data directory of its own, as `meson install` and update-mime-database would, and asks GIO
# what a .xqpack file is: it must be a meeting pack (by its name, though its contents are
# SQLite's), and the type's description must have its zh_CN translation.
set -eu
xml=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/data/mime/packages"
cp "$xml" "$tmp/data/mime/packages/"
update-mime-database "$tmp/data/mime"

# A pack begins as every SQLite file does.
printf 'SQLite format 3\000' > "$tmp/meeting.xqpack"
type=$(XDG_DATA_HOME="$tmp/data" XDG_DATA_DIRS="$tmp/data:/usr/share" \
  gio info -a standard::content-type "$tmp/meeting.xqpack" |
  sed -n 's/^ *standard::content-type: //p')
echo "meeting.xqpack: $type"
[ "$type" = application/x-xiaoqu-meeting-pack ] || {
  echo "expected application/x-xiaoqu-meeting-pack" >&2; exit 1; }

grep -q 'xml:lang="zh_CN"' "$tmp/data/mime/application/x-xiaoqu-meeting-pack.xml" || {
  echo "the type's description has no zh_CN translation" >&2; exit 1; }
echo "ok"

#!/bin/sh
# update-po.sh [COMPENDIUM.po …]: brings help/zh_CN/zh_CN.po in step with the C pages
# (new paragraphs in, obsolete ones out) and fills untranslated messages from the given
# compendium files. Check with: meson test -C _build help-zh_CN
set -eu
root=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# From $root, so the references say C/x.page and not where this checkout happens to be.
(cd "$root" && itstool -o "$tmp/help.pot" C/*.page)
compendia=""
for c in "$@"; do compendia="$compendia -C $c"; done
# shellcheck disable=SC2086
msgmerge --quiet --no-fuzzy-matching --no-wrap $compendia -o "$tmp/zh_CN.po" \
  "$root/zh_CN/zh_CN.po" "$tmp/help.pot"
msgattrib --no-obsolete --no-wrap -o "$root/zh_CN/zh_CN.po" "$tmp/zh_CN.po"

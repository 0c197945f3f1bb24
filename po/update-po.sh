#!/bin/sh
# update-po.sh [COMPENDIUM.po …]: brings po/zh_CN.po in step with the sources (new
# strings in, obsolete ones out, sorted by file) and fills untranslated messages from the
# given compendium files — how a batch of new translations lands in one step.
# Run from anywhere; check the result with po/check-complete.sh po/zh_CN.po .
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
xgettext --package-name=xiaoqu-atlas -D "$root" -f "$root/po/POTFILES.in" -o "$tmp/all.pot" \
  --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 2>/dev/null
compendia=""
for c in "$@"; do compendia="$compendia -C $c"; done
# shellcheck disable=SC2086
msgmerge --quiet --no-fuzzy-matching --no-wrap $compendia -o "$tmp/zh_CN.po" \
  "$root/po/zh_CN.po" "$tmp/all.pot"
msgattrib --no-obsolete --no-wrap -o "$root/po/zh_CN.po" "$tmp/zh_CN.po"

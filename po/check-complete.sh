#!/bin/sh
# check-complete.sh PO [SRCROOT]: fails when PO has untranslated or fuzzy messages. With
# SRCROOT, PO is first merged with a template extracted from the sources right now, so a
# new string that never reached the .po counts as untranslated too, and a message no source
# uses any more (obsolete after the merge) is left over and fails as well.
set -eu
po="$1"
if [ $# -ge 2 ]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  # The keywords of meson's i18n 'glib' preset.
  xgettext --package-name=xiaoqu-atlas -D "$2" -f "$2/po/POTFILES.in" -o "$tmp/all.pot" \
    --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
    --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
    --keyword=g_dpgettext2:2c,3 2>/dev/null
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$po" "$tmp/all.pot"
  po_checked="$tmp/merged.po"
else
  po_checked="$po"
fi
untranslated=$(msgattrib --untranslated --no-obsolete "$po_checked" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po_checked" | grep -c '^msgid ' || true)
# msgattrib prints the header entry (msgid "") whenever it prints anything.
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
if [ "$untranslated" -gt 0 ]; then
  msgattrib --untranslated --no-obsolete "$po_checked" | grep '^msgid ' | grep -v '^msgid ""$' | head -20
fi
unused=0
if [ $# -ge 2 ]; then
  unused=$(msgattrib --only-obsolete "$po_checked" | grep -c '^#~ msgid ' || true)
  [ "$unused" -gt 0 ] && msgattrib --only-obsolete "$po_checked" | grep '^#~ msgid ' | head -20
fi
echo "$po: $untranslated untranslated, $fuzzy fuzzy, $unused unused"
[ "$untranslated" -eq 0 ] && [ "$fuzzy" -eq 0 ] && [ "$unused" -eq 0 ]

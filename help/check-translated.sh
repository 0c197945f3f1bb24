#!/bin/sh
# check-translated.sh SRCDIR LANG OUTDIR: merges SRCDIR/LANG/LANG.po into the C pages the
# way the installed help is built, validates the result, and fails when any text of the
# current C pages is untranslated (the .po is merged with a fresh template first).
set -eu
src="$1"; lang="$2"; out="$3"
rm -rf "$out"; mkdir -p "$out/tmp"
itstool -o "$out/tmp/help.pot" "$src"/C/*.page
msgmerge --quiet --no-fuzzy-matching -o "$out/tmp/$lang.po" "$src/$lang/$lang.po" "$out/tmp/help.pot"
sh "$src/../po/check-complete.sh" "$out/tmp/$lang.po"
msgfmt --check -o "$out/tmp/$lang.mo" "$out/tmp/$lang.po"
itstool -m "$out/tmp/$lang.mo" -l "$lang" -o "$out" "$src"/C/*.page
rm -r "$out/tmp"
yelp-check validate "$out"
echo "$lang help: $(ls "$out" | wc -l) pages valid"

#!/bin/sh
# check-potfiles.sh SRCROOT: fails when a source file with translatable strings is missing
# from po/POTFILES.in (its strings would never reach the translators), or when
# POTFILES.in lists a file that no longer exists or is out of order.
set -eu
root="$1"
cd "$root"
listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$')
status=0
for file in $(grep -lE '\b(N?_|C_|NC_|g_dngettext)\s*\(|translatable="yes"' \
                $(find src data -type f \( -name '*.c' -o -name '*.ui' -o -name '*.in.in' \
                                         -o -name '*.gschema.xml' \) | sort)); do
  if ! echo "$listed" | grep -qx "$file"; then
    echo "missing from po/POTFILES.in: $file"; status=1
  fi
done
# gschema and desktop/metainfo strings are translatable without markers.
for file in $(find data -name '*.gschema.xml' -o -name '*.desktop.in.in' -o -name '*.metainfo.xml.in.in' | sort); do
  echo "$listed" | grep -qx "$file" || { echo "missing from po/POTFILES.in: $file"; status=1; }
done
for file in $listed; do
  [ -f "$file" ] || { echo "listed in po/POTFILES.in but absent: $file"; status=1; }
done
if [ "$(echo "$listed" | LC_ALL=C sort)" != "$listed" ]; then
  echo "po/POTFILES.in is not sorted"; status=1
fi
[ $status -eq 0 ] && echo "po/POTFILES.in lists all $(echo "$listed" | wc -l) files with strings"
exit $status

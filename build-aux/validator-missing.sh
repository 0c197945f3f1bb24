#!/bin/sh
# validator-missing.sh TOOL PACKAGE: registered in place of a validator that meson did not
# find, so the 'validate' suite fails and says what to install instead of passing with the
# file never checked.
echo "$1 is not installed, so this check did not run. Install the Debian package $2" \
     "(build-aux/install-deps installs every tool the build and the tests use), then" \
     "run meson setup --reconfigure." >&2
exit 1

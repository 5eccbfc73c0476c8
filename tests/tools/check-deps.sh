#!/bin/sh
# Install the Debian packages Vitrine needs to build, when they are missing.
# As root: apt-get install them. Otherwise: print the exact command and fail.
missing=""
for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ]; then
    echo "Installing missing build dependencies:$missing"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
else
    echo "Missing build dependencies:$missing"
    echo "Install them with:"
    echo "    sudo apt-get install -y$missing"
    exit 1
fi

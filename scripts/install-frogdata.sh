#!/usr/bin/env bash
# Fetch Frog's and ucto's language data (Debian trixie's frogdata + uctodata, Architecture: all) into
# .frogdata/ without touching the system's apt sources. python-frog 0.6.x rejects bookworm's frogdata
# 0.18 ("No DATA_VERSION setting"), and frog.installdata() downloads from GitHub, which fails offline;
# the next Debian release's data packages are the ones it was built against. Idempotent.
set -euo pipefail
D=$(realpath -m "${1:-$PWD/.frogdata}")
if [ -f "$D/root/usr/share/frog/nld/frog.cfg" ] && [ -d "$D/root/usr/share/ucto" ]; then
  echo "frogdata already in $D"; exit 0
fi
mkdir -p "$D/apt/lists/partial" "$D/apt/cache/archives/partial" "$D/apt/sources.list.d" "$D/root"
M=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
M=${M:-http://deb.debian.org/debian}
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $M trixie main" > "$D/apt/sources.list"
A=(-o "APT::Sandbox::User=root" -o "Dir::Etc::sourcelist=$D/apt/sources.list" -o "Dir::Etc::sourceparts=$D/apt/sources.list.d" -o "Dir::State::Lists=$D/apt/lists"
   -o "Dir::Cache=$D/apt/cache")
apt-get "${A[@]}" -qq update
(cd "$D" && apt-get "${A[@]}" -qq download frogdata uctodata)
for deb in "$D"/*.deb; do dpkg-deb -x "$deb" "$D/root"; done
rm -rf "$D/apt/lists" "$D/apt/cache" "$D"/*.deb
echo "frogdata installed in $D/root/usr/share/{frog,ucto}"

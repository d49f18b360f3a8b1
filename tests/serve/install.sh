#!/usr/bin/env bash
# Installs what tests/serve/run.sh needs from Debian: a real subscription
# client (vdirsyncer), a calendar program that reads its vdir (khal), and
# curl. Idempotent: apt-get runs only when something is missing.
set -euo pipefail

packages=(vdirsyncer khal curl)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "tests/serve/install.sh: installing ${missing[*]}"
    sudo_=()
    [ "$(id -u)" -eq 0 ] || sudo_=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_[@]}" apt-get update -qq
    "${sudo_[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

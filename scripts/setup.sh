#!/usr/bin/env bash
# Installs every Debian package robocall needs to build, run and test.
# Idempotent and quiet when everything is already there. Run as root (or with sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
  libre-dev librem-dev
  libespeak-ng-dev espeak-ng libsoxr-dev
  libsqlite3-dev sqlite3
  libzip-dev libexpat1-dev libxlsxwriter-dev
  libmicrohttpd-dev libgnutls28-dev libcurl4-openssl-dev nlohmann-json3-dev libspdlog-dev libcli11-dev
  libsodium-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  sip-tester python3-openpyxl wrk openssl
  chromium
  debhelper dpkg-dev fakeroot lintian curl
  kamailio linphone-cli nftables iproute2
  postgresql libpq-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

# Node.js for the web UI: any install that gives node and npm will do
# (Debian's nodejs + npm, or NodeSource's nodejs, which bundles npm and
# conflicts with Debian's npm package).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

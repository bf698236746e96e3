#!/bin/bash
# install-deps.sh - installs every Debian and npm package sluice needs, and
# nothing that is already there. Runs non-interactively (CI has no stdin).
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(build-essential pkg-config clang clang-format libclang-rt-14-dev lemon librdkafka-dev
      liblz4-dev libzstd-dev libsasl2-dev libssl-dev zlib1g-dev kcat
      libxxhash-dev libcriterion-dev libunistring-dev libmicrohttpd-dev bc time perl nodejs npm)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    # node/npm may come from elsewhere (nodesource, nvm): accept the commands.
    case "$p" in
      nodejs) command -v node >/dev/null && continue ;;
      npm) command -v npm >/dev/null && continue ;;
    esac
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm packages (pinned in package.json / package-lock.json).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "install-deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

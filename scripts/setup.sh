#!/usr/bin/env bash
# Prepares a Debian/Ubuntu machine for this project and installs its npm packages.
#   bash scripts/setup.sh          what the desktop app needs (then: npm start)
#   bash scripts/setup.sh --test   also the mail servers, browser and fonts the tests use (then: npm test)
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

packages=(ca-certificates python3 make g++)
if [ "$want_tests" = 1 ]; then
  # Real mail servers for the integration tests (with Sieve and ManageSieve for server-side auto-replies), Chromium for the UI tests, fonts so CJK and emoji render, and a
  # Secret Service (gnome-keyring in a private D-Bus session) for the keychain tests.
  packages+=(dovecot-imapd dovecot-lmtpd dovecot-sieve dovecot-managesieved postfix chromium fonts-noto-cjk fonts-noto-color-emoji gnome-keyring dbus)
else
  # Libraries the Electron window needs on a minimal system.
  packages+=(libnss3 libgtk-3-0 libgbm1 libxss1 libsecret-1-0)
fi

# Postfix asks how it should be configured; the tests bring their own configuration.
echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections 2>/dev/null || true
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${packages[@]}"
if [ "$want_tests" = 0 ]; then
  $SUDO apt-get install -y -q libasound2t64 2>/dev/null || $SUDO apt-get install -y -q libasound2
fi

# npm packages, once per package-lock.json: a second run of this script does not reinstall them. The Electron
# binary is downloaded on its own afterwards (what its postinstall would do), so that where it cannot be
# downloaded everything else is still installed and `npm start` runs the app in a browser instead.
stamp=node_modules/.installed-lock
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cut -d' ' -f1 "$stamp" 2>/dev/null)" = "$lock_hash" ]; then
  echo "npm packages are up to date."
else
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci
  echo "$lock_hash without-electron" > "$stamp"
fi

# The tests do not need the Electron binary (they use Node and Chromium).
if [ "$want_tests" = 0 ] && [ "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" != 1 ] && [ "$(cat "$stamp")" = "$lock_hash without-electron" ]; then
  if out=$(cd node_modules/electron && node install.js 2>&1); then
    echo "$lock_hash with-electron" > "$stamp"
  else
    echo "The Electron binary could not be downloaded ($(echo "$out" | grep -m1 -oE '[A-Za-z]*Error: .*' || echo "no details")):" >&2
    echo "npm start will run the app in a browser instead." >&2
  fi
fi

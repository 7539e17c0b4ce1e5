#!/usr/bin/env bash
# Install the external services the test-suite starts itself (nothing is started here):
#  - virtuoso-opensource: `kg push` is tested against a real Virtuoso (tests/test_push.py starts it on
#    127.0.0.1 with a temporary database and non-default ports);
#  - chromium + chromium-driver: the viewer's browser tests.
# Debian/Ubuntu, run as root (or with sudo available). Idempotent.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

# virtuoso-opensource's postinst asks for a dba password via debconf; preseed it empty/noninteractive.
# The packaged service is not needed (tests run their own instance), so keep it from starting.
if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    REMOVE_POLICY=1
fi

$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
    virtuoso-opensource \
    chromium chromium-driver

if [ "${REMOVE_POLICY:-0}" = 1 ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi

# Stop the packaged instance if something started it anyway: it would hold the default ports 1111/8890.
if command -v service >/dev/null 2>&1; then $SUDO service virtuoso-opensource-7 stop >/dev/null 2>&1 || true; fi

command -v virtuoso-t
command -v chromium || command -v chromium-browser
command -v chromedriver

#!/usr/bin/env bash
# Installs the system packages sopap needs on a fresh Debian machine (run as root, or with sudo available):
# fonts metric-compatible with Arial, poppler (PDF to PNG checks), GNU gettext (translations),
# Debian's chromium (browser tests), PostgreSQL (the production database engine, tested too) and LibreOffice
# Writer and Calc (the test that opens sopap's DOCX in another word processor; the tests that make old .doc
# and .xls files and import them through LibreOffice, as a server that reads old formats has it).
set -euo pipefail

packages=(fonts-liberation2 poppler-utils gettext)
case "${1:-}" in
  --test) packages+=(chromium postgresql libreoffice-writer-nogui libreoffice-calc-nogui) ;;
esac

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "sopap: memasang paket sistem / installing system packages: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

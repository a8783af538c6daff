#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes a development certificate authority and certificates for calibra-board's mutual
# TLS: DIR/ca.pem (+ ca.key), DIR/server.pem/.key (valid for localhost and 127.0.0.1,
# plus any --host NAME), and DIR/NAME.pem/.key for each client NAME (default: calibra).
# The client certificate's common name is what the service's `clients:` list authorizes.
# For development and tests only: production boards should use the site's own CA.
#   scripts/make-dev-certs.sh DIR [--host NAME]... [CLIENT]...
set -euo pipefail
if [[ $# -lt 1 ]]; then
    echo "usage: $0 DIR [--host NAME]... [CLIENT]..." >&2
    exit 2
fi
dir=$1
shift
hosts=(localhost 127.0.0.1)
clients=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --host) hosts+=("$2"); shift 2 ;;
        *) clients+=("$1"); shift ;;
    esac
done
[[ ${#clients[@]} -gt 0 ]] || clients=(calibra)
mkdir -p "$dir"
cd "$dir"
umask 077

openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=Calibra development CA" \
    -keyout ca.key -out ca.pem 2>/dev/null

san=""
for h in "${hosts[@]}"; do
    if [[ $h =~ ^[0-9.]+$ ]]; then san+="IP:$h,"; else san+="DNS:$h,"; fi
done
issue() { # name, extensions
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$1" -keyout "$1.key" -out "$1.csr" 2>/dev/null
    printf '%s\n' "$2" > "$1.ext"
    openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 \
        -extfile "$1.ext" -out "$1.pem" 2>/dev/null
    rm -f "$1.csr" "$1.ext"
}
issue server "subjectAltName=${san%,}
extendedKeyUsage=serverAuth"
for c in "${clients[@]}"; do
    issue "$c" "extendedKeyUsage=clientAuth"
done
rm -f ca.srl
chmod 644 ./*.pem
chmod 600 ./*.key # private: calibra-board warns about a key others can read
echo "made in $dir: ca.pem, server.pem/.key, ${clients[*]/%/.pem/.key}"

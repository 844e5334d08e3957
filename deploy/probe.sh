#!/usr/bin/env bash
# GET http://127.0.0.1:${PORT:-8080}$1 and exit 0 when the answer is 200. Bash only (no curl in the image): used by
# the image's HEALTHCHECK and by aot-training.sh.
#   deploy/probe.sh /actuator/health/liveness
set -uo pipefail
path="${1:-/actuator/health/liveness}"
{ exec 3<>"/dev/tcp/127.0.0.1/${PORT:-8080}"; } 2>/dev/null || exit 1
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
read -r -t 10 status_line <&3 || exit 1
exec 3<&-
case "$status_line" in
    "HTTP/1."?" 200"*) exit 0 ;;
    *) exit 1 ;;
esac

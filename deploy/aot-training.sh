#!/usr/bin/env bash
# Training run for the JVM's class cache: starts the server from an extracted jar (java -Djarmode=tools ... extract)
# with the cache to write, answers one service call (the bundled example request, so the classes of a call are in
# the cache too), then stops it with SIGTERM; the JVM writes the cache as it exits.
#   deploy/aot-training.sh DIR/app.jar CACHE [REQUEST]
# Java 25 and later: an AOT cache (-XX:AOTCacheOutput; run with -XX:AOTCache=CACHE). Java 17 to 24: a static CDS
# archive (-XX:DumpLoadedClassList, then -Xshare:dump; run with -XX:SharedArchiveFile=CACHE). The dynamic archive
# (-XX:ArchiveClassesAtExit) crashes OpenJDK 17.0.15 (SIGSEGV in adjust_lambda_proxy_class_dictionary), and
# lambda forms are left out of the static one for the same reason.
# The server runs in development mode on an embedded database under a temporary directory: it needs nothing else.
set -euo pipefail
jar="$1"
cache="$2"
request="${3:-$(dirname "$0")/../hooks/examples/NaltrexoneOpioidSafety/naltrexone-opioid-safety-ntx-opioid.json}"
java="${JAVA:-java}"
port="${PORT:-18080}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "$feature" -ge 25 ]; then
    record=(-XX:AOTCacheOutput="$cache")
else
    record=(-XX:DumpLoadedClassList="$work/classes.lst")
fi
"$java" "${record[@]}" -jar "$jar" --server.port="$port" --cds.data-dir="$work/data" >"$work/training.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
    if PORT="$port" "$(dirname "$0")/probe.sh" /actuator/health/readiness; then
        break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "the training run stopped:" >&2
        tail -n 30 "$work/training.log" >&2
        exit 1
    fi
    sleep 0.5
done
# One service call, in bash (no curl in the image).
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'POST /cds-services/naltrexone-opioid-safety HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %s\r\n\r\n' \
    "$(wc -c <"$request")" >&3
cat "$request" >&3
read -r -t 60 answer <&3
exec 3<&-
case "$answer" in
    "HTTP/1."?" 200"*) ;;
    *) echo "the training call was answered: $answer" >&2; kill "$pid"; exit 1 ;;
esac
kill -TERM "$pid"
wait "$pid" || true
if [ "$feature" -lt 25 ]; then
    grep -v '^@' "$work/classes.lst" >"$work/classes-without-lambda-forms.lst"
    "$java" -Xshare:dump -XX:SharedClassListFile="$work/classes-without-lambda-forms.lst" \
        -XX:SharedArchiveFile="$cache" -jar "$jar" >"$work/dump.log" 2>&1 \
        || { tail -n 30 "$work/dump.log" >&2; exit 1; }
fi
test -s "$cache"
echo "$cache"

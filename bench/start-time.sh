#!/usr/bin/env bash
# Start time as a user sees it: milliseconds from starting java to the first answered
# POST /cds-services/naltrexone-opioid-safety (hooks/examples/NaltrexoneOpioidSafety/naltrexone-opioid-safety-ntx-opioid.json).
#   bench/start-time.sh                 # the packaged jar in target/ (run `mvn -B -q -DskipTests package` first)
#   bench/start-time.sh path/to/app.jar # another build, e.g. to compare before and after a change
#   bench/start-time.sh --aot [jar]     # as the container runs it (deploy/Dockerfile): the jar extracted and a class
#                                       # cache from a training run (deploy/aot-training.sh), made once per jar
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/start-time.sh --aot   # another JVM
# Prints the milliseconds on stdout, and on stderr the server's CPU time to that answer and the machine's load
# (one-minute average): on a shared machine the CPU time moves much less than the wall time. One run per call;
# repeat it and take the median.
set -euo pipefail
cd "$(dirname "$0")/.."
aot=false
if [ "${1:-}" = "--aot" ]; then
    aot=true
    shift
fi
jar="${1:-$(ls target/cql-hooks-*.jar | grep -v original | head -n 1)}"
java="${JAVA:-java}"
request=hooks/examples/NaltrexoneOpioidSafety/naltrexone-opioid-safety-ntx-opioid.json
command=("$java" -jar "$jar")
if $aot; then
    # One extracted copy and cache per jar and JVM, kept under target/ for the next runs.
    key=$(cat "$jar" <("$java" -version 2>&1) | cksum | cut -d' ' -f1)
    dir="target/start-aot/$key"
    if [ ! -e "$dir/cache" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        "$java" -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >/dev/null
        JAVA="$java" deploy/aot-training.sh "$(ls "$dir"/app/*.jar)" "$dir/cache.tmp" "$request" >/dev/null
        mv "$dir/cache.tmp" "$dir/cache"
    fi
    feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "$feature" -ge 25 ]; then
        flag=-XX:AOTCache="$dir/cache"
    else
        flag=-XX:SharedArchiveFile="$dir/cache"
    fi
    command=("$java" "$flag" -jar "$(ls "$dir"/app/*.jar)")
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
data=$(mktemp -d)
start=$(date +%s%N)
"${command[@]}" --server.port="$port" --cds.data-dir="$data" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; rm -rf "$log" "$data"' EXIT
until status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        --data-binary @"$request" "http://127.0.0.1:$port/cds-services/naltrexone-opioid-safety") \
        && [ "$status" = 200 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "the server stopped before answering:" >&2
        tail -n 20 "$log" >&2
        exit 1
    fi
    sleep 0.02
done
echo $(( ($(date +%s%N) - start) / 1000000 ))
read -r user system < <(awk '{print $14, $15}' "/proc/$pid/stat")
echo "cpu $(( (user + system) * 1000 / $(getconf CLK_TCK) )) ms, load $(cut -d' ' -f1 /proc/loadavg)" >&2

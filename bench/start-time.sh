#!/usr/bin/env bash
# Start time as a user sees it: milliseconds from `java -jar` to the first answered
# POST /cds-services/naltrexone-opioid-safety (hooks/examples/NaltrexoneOpioidSafety/naltrexone-opioid-safety-ntx-opioid.json).
#   bench/start-time.sh                 # the packaged jar in target/ (run `mvn -B -q -DskipTests package` first)
#   bench/start-time.sh path/to/app.jar # another build, e.g. to compare before and after a change
# One run per call; repeat it and take the median (the machine may be shared).
set -euo pipefail
cd "$(dirname "$0")/.."
jar="${1:-$(ls target/cql-hooks-*.jar | grep -v original | head -n 1)}"
request=hooks/examples/NaltrexoneOpioidSafety/naltrexone-opioid-safety-ntx-opioid.json
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
start=$(date +%s%N)
java -jar "$jar" --server.port="$port" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$log"' EXIT
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

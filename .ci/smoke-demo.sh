#!/usr/bin/env bash
# Starts the built demo as `npm start` does (two workers, embedded defaults, a fresh data folder) and checks
# that it serves its sample image: what a new user sees first.
set -euo pipefail
cd "$(dirname "$0")/.."

data=$(mktemp -d)
port=3917
(cd "$data" && PORT=$port WORKERS=2 MALLOC_MMAP_THRESHOLD_=131072 MALLOC_ARENA_MAX=2 exec node --initial-old-space-size=128 "$OLDPWD/apps/demo/dist/main.js") > "$data/demo.log" 2>&1 &
demo=$!
trap 'kill $demo 2> /dev/null || true; wait $demo 2> /dev/null || true; rm -rf "$data"' EXIT

for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/api/images" > /dev/null && break
  sleep 0.2
done
check() {
  local url=$1 type=$2
  local answer
  answer=$(curl -fs -o /dev/null -w '%{http_code} %{content_type}' "http://127.0.0.1:$port$url") || { echo "smoke: $url failed"; cat "$data/demo.log"; exit 1; }
  [[ $answer == "200 $type"* ]] || { echo "smoke: $url answered $answer, expected $type"; exit 1; }
}
check /api/images application/json
check /api/images/1/info/metadata application/json
check '/api/images/1/tiles/0/0/0.png?projection=EPSG:3857' image/png
check /api/images/1/data/thumbnail.jpeg image/jpeg
check /api/docs text/html
echo "smoke: the demo serves its sample image"

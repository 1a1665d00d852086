#!/usr/bin/env bash
# The web UI's steps for ctest (label e2e):
#   web_step.sh deps                     npm ci in web/ when the lock changed (no browser download)
#   web_step.sh typecheck                the API types from docs/openapi.yaml (npm run types),
#                                        then tsc --noEmit over web/src (strict)
#   web_step.sh e2e ROBOCALL OUTDIR      vite build into OUTDIR/dist, then the Chromium test
#   web_step.sh openapi                  docs/openapi.yaml validates as OpenAPI 3.0
#   web_step.sh unit                     the unit tests of web/src (node --test src/*_test.mjs)
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
web="$src/web"

case "${1:-}" in
  deps)
    # npm writes node_modules/.package-lock.json on every install; when it is
    # newer than package-lock.json the tree is current.
    if [[ ! -f "$web/node_modules/.package-lock.json" || "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]]; then
      (cd "$web" && npm ci --no-audit --no-fund)
    fi
    ;;
  typecheck)
    cd "$web"
    npm run --silent types
    exec ./node_modules/.bin/tsc --noEmit -p tsconfig.json
    ;;
  e2e)
    robocall="$2"
    out="$3"
    mkdir -p "$out"
    (cd "$web" && ./node_modules/.bin/vite build --logLevel warn --outDir "$out/dist" --emptyOutDir)
    exec node "$src/tests/e2e/ui_test.mjs" --robocall "$robocall" --web-dir "$out/dist" \
      --source-dir "$src" --out "$out/output"
    ;;
  openapi)
    exec node "$web/scripts/validate-openapi.mjs"
    ;;
  unit)
    cd "$web"
    exec node --test src/*_test.mjs
    ;;
  *)
    echo "usage: web_step.sh deps | typecheck | e2e ROBOCALL OUTDIR | openapi | unit" >&2
    exit 2
    ;;
esac

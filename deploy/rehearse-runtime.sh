#!/usr/bin/env bash
# CI's stand-in for running the image (no container engine here): lays out the runtime stage with
# deploy/stage-runtime.sh into a clean temporary folder (production dependencies only), then, as a
# non-root user and exactly as docker-compose.yml does, runs the one-shot migration and starts a node on
# PostgreSQL and Redis; /api/ready must answer 200, the SPA must be served, and SIGTERM must end it with
# exit 0 within 10 s. Run from the repository root after `npm run build`, as root (to switch user).
# Needs: DATABASE_ADMIN_URL (a PostgreSQL it may create a database on), REDIS_URL.
set -euo pipefail
admin_url="${DATABASE_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
user=circles-runtime
port="${REHEARSAL_PORT:-3927}"

dir=$(mktemp -d /tmp/circles-runtime-XXXXXX)
db="circles_runtime_$$"
node_pid=""
cleanup() {
  [ -n "$node_pid" ] && kill -KILL "$node_pid" 2>/dev/null || true
  psql "$admin_url" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

echo "rehearsal: staging the runtime into $dir"
deploy/stage-runtime.sh "$dir/app" >"$dir/stage.log" 2>&1 || { tail -30 "$dir/stage.log"; exit 1; }
# Nothing from the build may be needed at run time: no dev tools in the staged tree.
for tool in vitest vite esbuild tsx drizzle-kit eslint playwright-core; do
  if [ -e "$dir/app/node_modules/$tool" ]; then echo "rehearsal: dev dependency $tool in the runtime"; exit 1; fi
done

id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
chown -R root:root "$dir/app" && chmod -R a+rX "$dir/app" && chmod 755 "$dir"
mkdir -p "$dir/data" && chown "$user" "$dir/data"

psql "$admin_url" -qc "CREATE DATABASE $db" >/dev/null
db_url="${admin_url%/*}/$db"
# setpriv execs the command itself (runuser would sit between as a parent and blur the exit code).
as_user() { setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups "$@"; }
run_as() { as_user env -i PATH="$PATH" HOME="$dir/data" NODE_ENV=production DATABASE_URL="$db_url" \
  REDIS_URL="$redis_url" REDIS_PREFIX="circles-rehearsal-$$:" JWT_SECRET=rehearsal-secret-that-is-long-enough-0123456789 \
  DATA_DIR="$dir/data" LOG_LEVEL=warn "$@"; }

echo "rehearsal: one-shot migration as $user"
(cd "$dir/app" && run_as node server/dist/migrate.js)

echo "rehearsal: a node as $user on :$port"
(cd "$dir/app" && exec setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups env -i PATH="$PATH" HOME="$dir/data" NODE_ENV=production DATABASE_URL="$db_url" \
  REDIS_URL="$redis_url" REDIS_PREFIX="circles-rehearsal-$$:" JWT_SECRET=rehearsal-secret-that-is-long-enough-0123456789 \
  DATA_DIR="$dir/data" LOG_LEVEL=warn MIGRATE_ON_START=0 SEED_DEMO=0 TRUST_PROXY=1 PORT="$port" HOST=127.0.0.1 \
  node server/dist/main.js) >"$dir/node.log" 2>&1 &
node_pid=$!
ok=0
for _ in $(seq 1 90); do
  if curl -fsS "http://127.0.0.1:$port/api/ready" >/dev/null 2>&1; then ok=1; break; fi
  kill -0 "$node_pid" 2>/dev/null || break
  sleep 1
done
[ $ok -eq 1 ] || { echo "rehearsal: /api/ready never answered"; tail -40 "$dir/node.log"; exit 1; }
owner=$(ps -o user= -p "$node_pid" | tr -d ' ')
echo "rehearsal: /api/ready answered; the node runs as ${owner:-?}"
[ "$owner" != "root" ] || { echo "rehearsal: the node runs as root"; exit 1; }
curl -fsS "http://127.0.0.1:$port/groups" | grep -q '<div id="root">' || { echo "rehearsal: the SPA is not served"; exit 1; }

started=$(date +%s%N)
kill -TERM "$node_pid"
code=0
wait "$node_pid" || code=$?
node_pid=""
ms=$(( ($(date +%s%N) - started) / 1000000 ))
echo "rehearsal: SIGTERM → exit $code in ${ms} ms"
[ "$code" -eq 0 ] && [ "$ms" -lt 10000 ] || { tail -20 "$dir/node.log"; exit 1; }
echo "rehearsal: ok"

#!/usr/bin/env bash
# Run a command against PostgreSQL: `scripts/pg-test-cluster.sh COMMAND [ARGS...]`.
#
# If DATABASE_URL is already set, the command runs against that database unchanged (CI or a
# developer may bring their own server). Otherwise a private throwaway cluster is created in
# var/pg/run-<pid>, listening on 127.0.0.1 on a free port (and on a unix socket inside the
# cluster folder) with trust authentication; DATABASE_URL is exported for the command and the
# cluster is stopped and removed when the command ends, however it ends.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 64
fi

if [ -n "${DATABASE_URL:-}" ]; then
  exec "$@"
fi

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bindir="$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1 || true)"
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin;" \
    "run scripts/ensure-system.sh (or set DATABASE_URL)." >&2
  exit 1
fi

# One folder per run, so two runs in one checkout never remove each other's cluster.
cluster="${HZDIGITAL_PG_DIR:-$repo/var/pg}/run-$$"
data="$cluster/data"
rm -rf "$cluster"
mkdir -p "$cluster"

# initdb refuses to run as root, so as root the cluster belongs to the `postgres` OS user.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$cluster"
  as_owner=(runuser -u postgres --)
  if ! "${as_owner[@]}" test -w "$cluster"; then
    # The checkout sits where `postgres` cannot reach (a private home folder): use /tmp instead.
    cluster="$(mktemp -d /tmp/hzdigital-pg.XXXXXX)"
    data="$cluster/data"
    chown postgres: "$cluster"
  fi
fi

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

stop_cluster() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

# UTF8 because the plan's data is Chinese; C collation keeps sorting independent of the locale.
"${as_owner[@]}" "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C \
  >"$cluster/initdb.log" 2>&1 || { cat "$cluster/initdb.log" >&2; exit 1; }

# A throwaway test cluster needs no durability: skipping fsync makes migrations much faster.
"${as_owner[@]}" "$bindir/pg_ctl" -D "$data" -w -t 60 -l "$cluster/server.log" \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data" \
  -o "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
  start >/dev/null || { cat "$cluster/server.log" >&2; exit 1; }

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') test cluster on 127.0.0.1:$port" >&2

# Not exec: the EXIT trap must stop the cluster after the command.
status=0
"$@" || status=$?
exit "$status"

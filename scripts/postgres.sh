#!/bin/sh
# A throwaway PostgreSQL for the test suite, on 127.0.0.1 only.
#   eval "$(scripts/postgres.sh)"      start (installing postgresql with apt if missing); prints the export line
#   scripts/postgres.sh stop           stop it and delete its cluster
# Run as root (it uses the `postgres` OS user); the cluster lives in a temporary directory.
set -eu

PORT="${SOPAP_PG_PORT:-54329}"
STATE_FILE="${SOPAP_PG_STATE:-/tmp/sopap-postgres.dir}"
DB=sopap_test
DB_USER=sopap
DB_PASSWORD=sopap

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    done
    return 1
}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        su postgres -s /bin/sh -c "$*"
    else
        sh -c "$*"
    fi
}

stop() {
    [ -f "$STATE_FILE" ] || { log "not running"; return 0; }
    dir="$(cat "$STATE_FILE")"
    bin="$(find_bin)"
    as_postgres "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop" >/dev/null 2>&1 || true
    rm -rf "$dir" "$STATE_FILE"
    log "stopped"
}

start() {
    if ! bin="$(find_bin)"; then
        log "installing postgresql"
        DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2 || {
            apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2; }
        bin="$(find_bin)"
    fi
    if [ -f "$STATE_FILE" ] && [ -d "$(cat "$STATE_FILE")/data" ]; then
        dir="$(cat "$STATE_FILE")"
        if as_postgres "'$bin/pg_ctl' -D '$dir/data' status" >/dev/null 2>&1; then
            log "already running on 127.0.0.1:$PORT"
            echo "export SOPAP_DATABASE_URL=postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:$PORT/$DB"
            return 0
        fi
        rm -rf "$dir"
    fi
    dir="$(mktemp -d /tmp/sopap-pg.XXXXXX)"
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    echo "$dir" > "$STATE_FILE"
    as_postgres "'$bin/initdb' -D '$dir/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null 2>&1 \
        || as_postgres "'$bin/initdb' -D '$dir/data' -U postgres -A trust -E UTF8 --locale=C" >/dev/null
    as_postgres "'$bin/pg_ctl' -D '$dir/data' -l '$dir/log' -w \
        -o \"-c listen_addresses=127.0.0.1 -p $PORT -k '$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null
    as_postgres "'$bin/psql' -h 127.0.0.1 -p $PORT -U postgres -q -v ON_ERROR_STOP=1 -c \
        \"CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD' CREATEDB\" -c \"CREATE DATABASE $DB OWNER $DB_USER\"" >/dev/null
    log "running on 127.0.0.1:$PORT (cluster in $dir)"
    echo "export SOPAP_DATABASE_URL=postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:$PORT/$DB"
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# The production layout of 政通 on one machine, with one command (docs/deployment.md):
#   a PostgreSQL primary and its synchronous standby (two clusters on their own ports, streaming
#   replication, synchronous_commit=on: a commit is acknowledged once it is on both), three
#   `zhengtong serve` nodes reaching them through a multi-host connection string
#   (target_session_attrs=read-write), and nginx in front (deploy/nginx/zhengtong.conf).
#
#   deploy/local-cluster.sh up        start everything (a fresh cluster folder on the first start)
#   deploy/local-cluster.sh status    what runs, which server is the primary, the replication state
#   deploy/local-cluster.sh down      stop everything and remove the cluster folder
#   deploy/failover.sh                promote the standby once the primary is dead
#   deploy/local-cluster.sh rebuild-standby
#                                     after a failover: the old primary's server made again, from a
#                                     new base backup, as the synchronous standby of the new primary
#
# Settings (environment): ZT_CLUSTER_DIR (/tmp/zhengtong-cluster), ZT_PG_PRIMARY_PORT (55432),
# ZT_PG_STANDBY_PORT (55433), ZT_NODE_PORTS ("3101 3102 3103"), ZT_HTTP_PORT (8080), ZT_NODE_ARGS
# (arguments of `zhengtong serve`, e.g. --no-web), ZT_PG_BIN (the newest /usr/lib/postgresql/*/bin).
# Every other variable of the environment (ZHENGTONG_*) reaches the nodes as it is.
# Needs: PostgreSQL server binaries and nginx (Debian: apt-get install postgresql nginx).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${ZT_CLUSTER_DIR:-/tmp/zhengtong-cluster}
PRIMARY_PORT=${ZT_PG_PRIMARY_PORT:-55432}
STANDBY_PORT=${ZT_PG_STANDBY_PORT:-55433}
read -r -a NODE_PORTS <<< "${ZT_NODE_PORTS:-3101 3102 3103}"
HTTP_PORT=${ZT_HTTP_PORT:-8080}
PG_BIN=${ZT_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
NGINX=${ZT_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
DB_NAME=zhengtong
export DATABASE_URL="postgres://postgres@127.0.0.1:${PRIMARY_PORT},127.0.0.1:${STANDBY_PORT}/${DB_NAME}?target_session_attrs=read-write"

say() { printf '%s\n' "$*"; }
die() { printf '错误：%s\n' "$*" >&2; exit 1; }

# PostgreSQL refuses to run as root: its clusters belong to the postgres account then
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
psql_at() { local port=$1; shift; "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -XtAq "$@"; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
http_code() { curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true; }

wait_for() { # description, seconds, command…
  local what=$1 secs=$2; shift 2
  for _ in $(seq 1 $((secs * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  die "$what 未在 ${secs} 秒内就绪"
}

pg_conf() { # data dir, port
  cat >> "$1/postgresql.conf" <<EOF

# --- 政通 local cluster (deploy/local-cluster.sh) ---
port = $2
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
max_connections = 100
shared_buffers = 64MB
wal_level = replica
max_wal_senders = 5
wal_keep_size = 256MB
hot_standby = on
# an acknowledged commit is on both servers
synchronous_commit = on
synchronous_standby_names = 'FIRST 1 (standby1)'
# WAL archive for point-in-time recovery (docs/deployment.md: backups)
archive_mode = on
archive_command = 'test ! -f $DIR/wal-archive/%f && cp %p $DIR/wal-archive/%f'
EOF
}

# A standby's own settings, last in postgresql.auto.conf (read after postgresql.conf, and copied from the
# primary by pg_basebackup): its port; its name as the primary knows it; and, once promoted, no
# synchronous standby of its own until one is rebuilt (failover.sh says so)
standby_conf() { # data dir, own port, primary port
  printf "port = %s\nsynchronous_standby_names = ''\nprimary_conninfo = 'host=127.0.0.1 port=%s user=postgres application_name=standby1'\n" \
    "$2" "$3" >> "$1/postgresql.auto.conf"
}

start_databases() {
  mkdir -p "$DIR"
  chmod 755 "$DIR"
  if [ ! -d "$DIR/pg-primary" ]; then
    say "初始化主库 127.0.0.1:$PRIMARY_PORT ……"
    mkdir -p "$DIR/pg-primary" "$DIR/wal-archive"
    [ "$(id -u)" = 0 ] && chown postgres: "$DIR" "$DIR/pg-primary" "$DIR/wal-archive"
    as_pg "$PG_BIN/initdb" -D "$DIR/pg-primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || die "initdb 失败（见 $DIR/initdb.log）"
    pg_conf "$DIR/pg-primary" "$PRIMARY_PORT"
  fi
  [ -f "$DIR/pg-primary/FENCED" ] && say "原主库已被隔离（failover.sh 提升备库后），不再启动：$(cat "$DIR/pg-primary/FENCED")"
  if [ ! -f "$DIR/pg-primary/FENCED" ] && ! as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg-primary" status >/dev/null 2>&1; then
    as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg-primary" -l "$DIR/pg-primary.log" -w -t 60 start >/dev/null
  fi
  if [ ! -d "$DIR/pg-standby" ]; then
    say "从主库复制同步备库 127.0.0.1:$STANDBY_PORT（pg_basebackup -R）……"
    mkdir -p "$DIR/pg-standby"
    [ "$(id -u)" = 0 ] && chown postgres: "$DIR/pg-standby"
    chmod 700 "$DIR/pg-standby"
    as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$DIR/pg-standby" -R -X stream -c fast
    standby_conf "$DIR/pg-standby" "$STANDBY_PORT" "$PRIMARY_PORT"
  fi
  if ! as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg-standby" status >/dev/null 2>&1; then
    as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg-standby" -l "$DIR/pg-standby.log" -w -t 60 start >/dev/null
  fi
  if [ ! -f "$DIR/pg-primary/FENCED" ]; then
    wait_for "同步备库" 60 bash -c "[ \"\$($PG_BIN/psql -h 127.0.0.1 -p $PRIMARY_PORT -U postgres -d postgres -XtAqc \"SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'\")\" = sync ]"
    psql_at "$PRIMARY_PORT" -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1 || psql_at "$PRIMARY_PORT" -c "CREATE DATABASE $DB_NAME"
  fi
}

start_node() { # index
  local i=$1 port=${NODE_PORTS[$1]}
  alive "$DIR/node-$i.pid" && return 0
  # shellcheck disable=SC2086
  PORT=$port HOST=127.0.0.1 ZHENGTONG_TRUST_PROXY=${ZHENGTONG_TRUST_PROXY:-127.0.0.1} \
    setsid node --max-old-space-size=160 "$ROOT/bin/zhengtong.mjs" serve ${ZT_NODE_ARGS:-} >"$DIR/node-$i.log" 2>&1 </dev/null &
  echo $! > "$DIR/node-$i.pid"
}

wait_node() {
  local i=$1
  for _ in $(seq 1 900); do
    [ "$(http_code "http://127.0.0.1:${NODE_PORTS[$i]}/readyz")" = 200 ] && return 0
    alive "$DIR/node-$i.pid" || die "节点 $((i + 1)) 启动失败（见 $DIR/node-$i.log）：$(tail -5 "$DIR/node-$i.log")"
    sleep 0.2
  done
  die "节点 $((i + 1)) 未在 180 秒内就绪（见 $DIR/node-$i.log）"
}

start_nodes() {
  # the first node alone migrates the database (and loads the demo on a fresh one), then the others
  say "启动节点 1（端口 ${NODE_PORTS[0]}）……"
  start_node 0
  wait_node 0
  say "启动节点 2…${#NODE_PORTS[@]}（端口 ${NODE_PORTS[*]:1}）……"
  for i in $(seq 1 $((${#NODE_PORTS[@]} - 1))); do start_node "$i"; done
  for i in $(seq 1 $((${#NODE_PORTS[@]} - 1))); do wait_node "$i"; done
}

start_nginx() {
  [ -x "$NGINX" ] || die "未安装 nginx（Debian：apt-get install nginx）"
  alive "$DIR/nginx.pid" && return 0
  mkdir -p "$DIR/nginx-tmp"
  local servers=""
  for p in "${NODE_PORTS[@]}"; do servers+="    server 127.0.0.1:$p max_fails=2 fail_timeout=5s;\n"; done
  # the shipped site configuration with this cluster's ports
  sed -e '/^    server 127\.0\.0\.1:31[0-9][0-9] /d' \
      -e "s|^    keepalive 32;|$(printf '%s' "$servers")    keepalive 32;|" \
      -e "s|listen 127\.0\.0\.1:8080;|listen 127.0.0.1:$HTTP_PORT;|" \
      "$ROOT/deploy/nginx/zhengtong.conf" > "$DIR/zhengtong.conf"
  cat > "$DIR/nginx.conf" <<EOF
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log $DIR/nginx-access.log;
    client_body_temp_path $DIR/nginx-tmp/body;
    proxy_temp_path $DIR/nginx-tmp/proxy;
    fastcgi_temp_path $DIR/nginx-tmp/fastcgi;
    uwsgi_temp_path $DIR/nginx-tmp/uwsgi;
    scgi_temp_path $DIR/nginx-tmp/scgi;
    include /etc/nginx/mime.types;
    include $DIR/zhengtong.conf;
}
EOF
  "$NGINX" -t -q -p "$DIR" -c "$DIR/nginx.conf" 2>"$DIR/nginx-test.log" || die "nginx 配置有误：$(cat "$DIR/nginx-test.log")"
  "$NGINX" -p "$DIR" -c "$DIR/nginx.conf"
  wait_for "nginx" 10 test -f "$DIR/nginx.pid"
}

role_of() { # port → 主库 / 备库 / 未运行
  local r
  r=$(psql_at "$1" -c 'SELECT pg_is_in_recovery()' 2>/dev/null) || { echo "未运行"; return; }
  [ "$r" = f ] && echo "主库" || echo "备库"
}

status() {
  [ -d "$DIR" ] || { say "本机集群未启动（$DIR 不存在）"; return 0; }
  say "集群目录：$DIR"
  say "PostgreSQL 127.0.0.1:$PRIMARY_PORT（原主库）：$(role_of "$PRIMARY_PORT")"
  say "PostgreSQL 127.0.0.1:$STANDBY_PORT（原备库）：$(role_of "$STANDBY_PORT")"
  for port in "$PRIMARY_PORT" "$STANDBY_PORT"; do
    local rep
    rep=$(psql_at "$port" -c "SELECT string_agg(application_name || ' ' || state || ' ' || sync_state, ', ') FROM pg_stat_replication" 2>/dev/null || true)
    [ -n "$rep" ] && say "  复制（$port → 备库）：$rep"
  done
  for i in "${!NODE_PORTS[@]}"; do
    local state="未运行"
    alive "$DIR/node-$i.pid" && state="运行中 pid $(cat "$DIR/node-$i.pid")，/readyz $(http_code "http://127.0.0.1:${NODE_PORTS[$i]}/readyz")"
    say "节点 $((i + 1)) 127.0.0.1:${NODE_PORTS[$i]}：$state"
  done
  local n="未运行"
  alive "$DIR/nginx.pid" && n="运行中，经 nginx 的 /readyz $(http_code "http://127.0.0.1:$HTTP_PORT/readyz")"
  say "nginx 127.0.0.1:$HTTP_PORT：$n"
  say "DATABASE_URL=$DATABASE_URL"
}

# After a failover: the server that is not the primary is rebuilt as the standby of the one that is
# (a fresh pg_basebackup; pg_rewind would copy less), and the primary waits for it again.
rebuild_standby() {
  local primary="" other="" dir=""
  [ "$(role_of "$PRIMARY_PORT")" = "主库" ] && { primary=$PRIMARY_PORT; other=$STANDBY_PORT; dir=$DIR/pg-standby; }
  [ "$(role_of "$STANDBY_PORT")" = "主库" ] && { primary=$STANDBY_PORT; other=$PRIMARY_PORT; dir=$DIR/pg-primary; }
  [ -n "$primary" ] || die "找不到主库"
  [ "$(role_of "$other")" = "备库" ] && { say "127.0.0.1:$other 已是备库"; return 0; }
  as_pg "$PG_BIN/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null 2>&1 || true
  say "以 127.0.0.1:$primary 的基础备份重建 127.0.0.1:$other 为同步备库……"
  rm -rf "$dir"
  mkdir -m 700 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$primary" -U postgres -D "$dir" -R -X stream -c fast
  standby_conf "$dir" "$other" "$primary"
  as_pg "$PG_BIN/pg_ctl" -D "$dir" -l "$dir.log" -w -t 60 start >/dev/null
  psql_at "$primary" -c "ALTER SYSTEM SET synchronous_standby_names = 'FIRST 1 (standby1)'"
  psql_at "$primary" -c 'SELECT pg_reload_conf()' >/dev/null
  wait_for "同步备库" 60 bash -c "[ \"\$($PG_BIN/psql -h 127.0.0.1 -p $primary -U postgres -d postgres -XtAqc \"SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'\")\" = sync ]"
  say "127.0.0.1:$other 已是 127.0.0.1:$primary 的同步备库"
}

down() {
  [ -d "$DIR" ] || { say "本机集群未启动"; return 0; }
  if alive "$DIR/nginx.pid"; then "$NGINX" -p "$DIR" -c "$DIR/nginx.conf" -s quit 2>/dev/null || kill "$(cat "$DIR/nginx.pid")"; fi
  for i in "${!NODE_PORTS[@]}"; do
    if alive "$DIR/node-$i.pid"; then
      local pid; pid=$(cat "$DIR/node-$i.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  for d in pg-primary pg-standby; do
    [ -d "$DIR/$d" ] && as_pg "$PG_BIN/pg_ctl" -D "$DIR/$d" -m immediate -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$DIR"
  say "本机集群已停止并删除（$DIR）"
}

case "${1:-}" in
  up)
    [ -x "$PG_BIN/initdb" ] || die "未找到 PostgreSQL 服务器程序（Debian：apt-get install postgresql），或以 ZT_PG_BIN 指定"
    [ -x "$NGINX" ] || die "未安装 nginx（Debian：apt-get install nginx）"
    start_databases
    start_nodes
    start_nginx
    say "政通三节点集群已启动：http://127.0.0.1:$HTTP_PORT/"
    status
    ;;
  status) status ;;
  down) down ;;
  rebuild-standby) rebuild_standby ;;
  *) say "用法：$0 up|down|status|rebuild-standby"; exit 2 ;;
esac

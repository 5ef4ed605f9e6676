#!/usr/bin/env bash
# Promotes the synchronous standby to primary once the primary is dead (docs/deployment.md: failover).
#
#   deploy/failover.sh            promote if the primary does not answer (checked ZT_FAILOVER_CHECKS
#                                 times, one second apart; 3 by default)
#   deploy/failover.sh --force    promote although the primary still answers (a planned switch-over:
#                                 stop the primary first, or there are two primaries)
#
# The standby is the local cluster's (deploy/local-cluster.sh: of its two servers, the one in
# recovery) unless told otherwise:
#   ZT_PRIMARY=host:port          the primary to check
#   ZT_STANDBY=host:port          the standby to promote
#   ZT_STANDBY_DATA=dir           its data folder on this host
#   ZT_PRIMARY_DATA=dir           the old primary's folder, when on this host: it is fenced (FENCED
#                                 file), so that nobody starts it as a second primary
#
# Why a script and not Patroni: see docs/deployment.md. With synchronous_commit=on every acknowledged
# commit is on the standby, so promoting it loses nothing acknowledged. The nodes find the new primary
# by themselves (their connection string lists both servers, target_session_attrs=read-write).
set -euo pipefail

DIR=${ZT_CLUSTER_DIR:-/tmp/zhengtong-cluster}
CHECKS=${ZT_FAILOVER_CHECKS:-3}
PG_BIN=${ZT_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
FORCE=false
[ "${1:-}" = "--force" ] && FORCE=true

say() { printf '%s %s\n' "$(date +%T)" "$*"; }
die() { printf '错误：%s\n' "$1" >&2; exit "${2:-1}"; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
q() { "$PG_BIN/psql" -h "${1%:*}" -p "${1##*:}" -U postgres -d postgres -XtAq -c "$2"; }

# the local cluster's two servers swap roles at each failover: the standby is the one in recovery
A=127.0.0.1:${ZT_PG_PRIMARY_PORT:-55432} B=127.0.0.1:${ZT_PG_STANDBY_PORT:-55433}
A_DATA=$DIR/pg-primary B_DATA=$DIR/pg-standby
if [ -z "${ZT_STANDBY:-}" ] && [ "$(q "$A" 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ]; then
  A=$B B=127.0.0.1:${ZT_PG_PRIMARY_PORT:-55432} A_DATA=$DIR/pg-standby B_DATA=$DIR/pg-primary
fi
PRIMARY=${ZT_PRIMARY:-$A}
STANDBY=${ZT_STANDBY:-$B}
STANDBY_DATA=${ZT_STANDBY_DATA:-$B_DATA}
PRIMARY_DATA=${ZT_PRIMARY_DATA:-$A_DATA}

# 1. the primary must be dead: two primaries would each take writes the other never sees
if ! $FORCE; then
  for i in $(seq 1 "$CHECKS"); do
    if "$PG_BIN/pg_isready" -q -h "${PRIMARY%:*}" -p "${PRIMARY##*:}" -t 1; then
      die "主库 $PRIMARY 仍在响应，不提升备库（计划内切换请先停止主库，或加 --force）" 2
    fi
    [ "$i" -lt "$CHECKS" ] && sleep 1
  done
  say "主库 $PRIMARY 连续 $CHECKS 次无响应"
fi

# 2. the standby must be one (promoting twice is harmless: it says so)
state=$(q "$STANDBY" 'SELECT pg_is_in_recovery()') || die "备库 $STANDBY 无法连接"
if [ "$state" = f ]; then say "$STANDBY 已是主库，无需提升"; exit 0; fi
lag=$(q "$STANDBY" "SELECT coalesce(pg_last_wal_receive_lsn()::text, '-') || ' 已接收, ' || coalesce(pg_last_wal_replay_lsn()::text, '-') || ' 已重放'")
say "备库 $STANDBY：$lag"

# 3. promote: on this host with pg_ctl; elsewhere SELECT pg_promote() does the same over SQL
t0=$(date +%s.%N)
if [ -d "$STANDBY_DATA" ]; then
  as_pg "$PG_BIN/pg_ctl" -D "$STANDBY_DATA" -w -t 60 promote >/dev/null
else
  q "$STANDBY" 'SELECT pg_promote(true, 60)' >/dev/null
fi
for _ in $(seq 1 300); do
  [ "$(q "$STANDBY" 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ] && break
  sleep 0.2
done
[ "$(q "$STANDBY" 'SELECT pg_is_in_recovery()')" = f ] || die "备库 $STANDBY 未能提升为主库"
timeline=$((16#$(q "$STANDBY" 'SELECT substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)')))
say "已将 $STANDBY 提升为主库（时间线 $timeline，用时 $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') 秒）"

# 4. fence the old primary: it must come back only as a standby of the new one (pg_rewind or a new
#    pg_basebackup), never as a primary
if [ -d "$PRIMARY_DATA" ] && ! $FORCE; then
  echo "$(date -Iseconds) 备库 $STANDBY 已提升；本库须以 pg_rewind 或 pg_basebackup 重建为其备库后方可启动" > "$PRIMARY_DATA/FENCED"
  say "已隔离原主库数据目录 $PRIMARY_DATA（FENCED）"
fi

# 5. the new primary has no synchronous standby yet: commits are on one server until one is rebuilt
sync=$(q "$STANDBY" 'SHOW synchronous_standby_names')
if [ -z "$sync" ]; then
  say "注意：新主库暂无同步备库（synchronous_standby_names 为空），已确认的提交目前只在一台服务器上；请尽快重建备库（docs/deployment.md）"
fi

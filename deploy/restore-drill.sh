#!/usr/bin/env bash
# A restore drill on the local cluster (deploy/local-cluster.sh up), the way docs/deployment.md asks a
# team to run one every quarter: a base backup (pg_basebackup), a named restore point, writes after it,
# then a point-in-time recovery of the backup plus the WAL archive into a scratch cluster, stopped at
# the restore point. Checks that the restored database has what was there at the point and nothing
# written after it, and that its audit chain verifies (`zhengtong audit verify`); prints the times.
#
#   deploy/restore-drill.sh        (ZT_CLUSTER_DIR, ZT_PG_PRIMARY_PORT, ZT_PG_STANDBY_PORT as for
#                                   local-cluster.sh; ZT_RESTORE_PORT, 55439 by default)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${ZT_CLUSTER_DIR:-/tmp/zhengtong-cluster}
PORTS=("${ZT_PG_PRIMARY_PORT:-55432}" "${ZT_PG_STANDBY_PORT:-55433}")
RESTORE_PORT=${ZT_RESTORE_PORT:-55439}
PG_BIN=${ZT_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
DRILL=$DIR/drill

say() { printf '%s %s\n' "$(date +%T)" "$*"; }
die() { printf '错误：%s\n' "$*" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
q() { "$PG_BIN/psql" -h 127.0.0.1 -p "$1" -U postgres -d "${3:-zhengtong}" -XtAq -c "$2"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

[ -d "$DIR/wal-archive" ] || die "本机集群未启动（先运行 deploy/local-cluster.sh up）"
PRIMARY=""
for p in "${PORTS[@]}"; do [ "$(q "$p" 'SELECT pg_is_in_recovery()' postgres 2>/dev/null)" = f ] && PRIMARY=$p; done
[ -n "$PRIMARY" ] || die "找不到主库"
rm -rf "$DRILL"; mkdir -p "$DRILL"; [ "$(id -u)" = 0 ] && chown postgres: "$DRILL"

# 1. the base backup, compressed, with the WAL it needs to be consistent
t=$(now)
as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY" -U postgres -D "$DRILL/base" -Ft -z -X stream -c fast
say "基础备份：$(du -sh "$DRILL/base" | cut -f1)，用时 $(since "$t") 秒（主库 127.0.0.1:$PRIMARY）"

# 2. a named point, what the database holds there, then writes after it
q "$PRIMARY" 'CREATE TABLE IF NOT EXISTS restore_drill (at timestamptz NOT NULL DEFAULT now(), what text NOT NULL)' postgres
q "$PRIMARY" "INSERT INTO restore_drill (what) VALUES ('before')" postgres
POINT="drill-$(date +%Y%m%d-%H%M%S)"
expected=$(q "$PRIMARY" "SELECT (SELECT count(*) FROM documents) || ' 件公文, ' || (SELECT count(*) FROM audit_records) || ' 条审计记录' FROM pg_create_restore_point('$POINT')")
q "$PRIMARY" "INSERT INTO restore_drill (what) VALUES ('after')" postgres
q "$PRIMARY" 'SELECT pg_switch_wal()' postgres >/dev/null
# the segment holding the point must be in the archive before it can be replayed
for _ in $(seq 1 100); do
  [ "$(q "$PRIMARY" 'SELECT last_archived_wal >= pg_walfile_name(pg_current_wal_lsn() - 1) FROM pg_stat_archiver' postgres)" = t ] && break
  sleep 0.2
done
say "还原点 $POINT：$expected；之后又写入一行（还原后不应出现）"

# 3. point-in-time recovery into a scratch cluster: the backup, then the archive up to the point
t=$(now)
as_pg mkdir -m 700 "$DRILL/restored"
as_pg tar -xzf "$DRILL/base/base.tar.gz" -C "$DRILL/restored"
as_pg tar -xzf "$DRILL/base/pg_wal.tar.gz" -C "$DRILL/restored/pg_wal"
as_pg rm -f "$DRILL/restored/standby.signal" "$DRILL/restored/postmaster.pid"
cat >> "$DRILL/restored/postgresql.auto.conf" <<EOF
port = $RESTORE_PORT
primary_conninfo = ''
synchronous_standby_names = ''
archive_mode = off
restore_command = 'cp $DIR/wal-archive/%f %p'
recovery_target_name = '$POINT'
recovery_target_action = 'promote'
EOF
as_pg touch "$DRILL/restored/recovery.signal"
as_pg "$PG_BIN/pg_ctl" -D "$DRILL/restored" -l "$DRILL/restored.log" -w -t 120 start >/dev/null
for _ in $(seq 1 300); do [ "$(q "$RESTORE_PORT" 'SELECT pg_is_in_recovery()' postgres 2>/dev/null)" = f ] && break; sleep 0.2; done
say "时间点恢复至 $POINT：用时 $(since "$t") 秒（127.0.0.1:$RESTORE_PORT）"

# 4. the checks
status=0
got=$(q "$RESTORE_PORT" "SELECT (SELECT count(*) FROM documents) || ' 件公文, ' || (SELECT count(*) FROM audit_records) || ' 条审计记录'")
marks=$(q "$RESTORE_PORT" "SELECT string_agg(what, ',' ORDER BY at) FROM restore_drill" postgres)
if [ "$got" = "$expected" ]; then say "恢复后的数据与还原点一致：$got"; else say "不一致：还原点 $expected，恢复后 $got"; status=1; fi
if [ "$marks" = "before" ]; then say "还原点之后的写入未出现（$marks）"; else say "还原点之后的写入出现了：$marks"; status=1; fi
if out=$(DATABASE_URL="postgres://postgres@127.0.0.1:$RESTORE_PORT/zhengtong" node "$ROOT/bin/zhengtong.mjs" audit verify 2>&1); then
  say "$out"
else
  say "审计链校验未通过：$out"; status=1
fi

as_pg "$PG_BIN/pg_ctl" -D "$DRILL/restored" -m fast -w stop >/dev/null
rm -rf "$DRILL"
[ "$status" = 0 ] && say "恢复演练通过" || say "恢复演练未通过"
exit "$status"

-- Per-address rate-limit windows, shared by every server node on one PostgreSQL (src/http/rate-limit.ts;
-- the embedded database keeps them in the process). UNLOGGED: a counter is not worth a WAL record, an
-- fsync or a synchronous standby's acknowledgement; after a crash or a failover the windows start empty,
-- which only lets an address start a fresh window.
CREATE UNLOGGED TABLE rate_limit_windows (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  hits int NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_windows_expiry ON rate_limit_windows (expires_at);

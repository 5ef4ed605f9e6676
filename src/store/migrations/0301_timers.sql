-- Durable timers: reminders before a deadline, overdue escalation (催办), implicit consent
-- (第六十六条 无不同意见) and whatever other contexts register. A timer fires once: a worker claims it
-- with FOR UPDATE SKIP LOCKED and marks it fired in the same transaction as the handler's effects, so
-- a second process never fires it again and a crash before commit leaves it to fire at the next start.
CREATE TABLE timers (
  id bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  kind text NOT NULL,
  -- one live timer per (tenant, kind, key): scheduling the same thing twice is a no-op or a move
  key text NOT NULL,
  due_at timestamptz NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL,
  fired_at timestamptz,
  cancelled_at timestamptz,
  attempts int NOT NULL DEFAULT 0,
  last_error text,
  UNIQUE (tenant_id, kind, key)
);
CREATE INDEX timers_pending ON timers (due_at, id) WHERE fired_at IS NULL AND cancelled_at IS NULL;

-- Holiday arrangements (节假日安排): one row per tenant and year, each citing its State Council notice
-- (国务院办公厅关于X年部分节假日安排的通知). The shipped years (calendar/*.yaml) are loaded when absent;
-- administrators load a new year at runtime (validated, audited). A loaded year is never rewritten.
CREATE TABLE holiday_arrangements (
  tenant_id text NOT NULL,
  year int NOT NULL,
  notice_number text NOT NULL,
  notice_title text NOT NULL,
  notice_date date NOT NULL,
  arrangement jsonb NOT NULL,
  source text NOT NULL CHECK (source IN ('shipped', 'imported')),
  loaded_at timestamptz NOT NULL,
  loaded_by text,
  reason text,
  PRIMARY KEY (tenant_id, year)
);

-- Deadlines computed from a time limit of the rule pack, kept so that a deadline computed in a year
-- whose arrangement was not loaded (unknown_years) is recomputed when that year is loaded.
CREATE TABLE deadlines (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  object_type text NOT NULL,
  object_id text NOT NULL,
  rule_id text NOT NULL,
  article int NOT NULL,
  label text NOT NULL,
  event_date date NOT NULL,
  due date NOT NULL,
  remind_from date NOT NULL,
  unknown_years int[] NOT NULL DEFAULT '{}',
  -- the deadline rule as applied (duration, unit, conventions, reminder lead) and any override
  rule jsonb NOT NULL,
  override jsonb,
  -- timer kinds fired for this deadline: {"remind": "...", "overdue": "..."}
  timer_kinds jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL,
  recomputed_at timestamptz,
  closed_at timestamptz,
  UNIQUE (tenant_id, object_type, object_id, rule_id)
);
CREATE INDEX deadlines_unknown ON deadlines USING gin (unknown_years) WHERE closed_at IS NULL;
CREATE INDEX deadlines_object ON deadlines (tenant_id, object_type, object_id);

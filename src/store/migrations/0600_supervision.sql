-- Supervision and leaders (第四十五条, 第五十条, 第六十九条, 第七十八条–第八十条, 第八十四条–第八十七条,
-- 第九十六条, 第九十八条). Every row carries tenant_id; nothing is deleted — stages, reports, chases and
-- decisions are appended; an item's current stage is a column updated under its version.

-- 批示 (第六十九条, 第八十四条, 第八十五条)
CREATE TABLE sup_instructions (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  source text NOT NULL CHECK (source IN ('general_secretary', 'central', 'provincial', 'city')),
  loop_kind text NOT NULL CHECK (loop_kind IN ('closed_loop', 'report_cycle', 'simple')),
  title text NOT NULL,
  instructed_by text NOT NULL,
  instructed_on date NOT NULL,
  received_on date NOT NULL,
  doc_ref text,
  content text NOT NULL DEFAULT '',
  first_reader text NOT NULL,
  leader_position_id text,
  lead_unit_id text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_on date,
  pack_id text NOT NULL,
  version int NOT NULL DEFAULT 1,
  created_by text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE sup_instruction_entries (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  instruction_id text NOT NULL,
  entry_type text NOT NULL CHECK (entry_type IN ('stage', 'report')),
  stage text,
  on_date date NOT NULL,
  summary text NOT NULL,
  evidence jsonb NOT NULL DEFAULT '[]'::jsonb,
  recorded_by text,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, instruction_id) REFERENCES sup_instructions (tenant_id, id)
);
-- a stage of the closed loop is recorded once, even under concurrent requests
CREATE UNIQUE INDEX sup_instruction_stage_once ON sup_instruction_entries (tenant_id, instruction_id, stage) WHERE entry_type = 'stage';

-- 督查事项 (第八十六条, 第八十七条, 第四十五条)
CREATE TABLE sup_items (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  title text NOT NULL,
  kind text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('government', 'department')),
  supervisor_unit_id text NOT NULL,
  lead_unit_id text NOT NULL,
  cooperating_unit_ids text[] NOT NULL DEFAULT '{}',
  leader_position_id text,
  source_type text,
  source_id text,
  matter_key text NOT NULL,
  designation jsonb,
  finding_source text,
  opened_on date NOT NULL,
  due date NOT NULL,
  chase_from date NOT NULL,
  unknown_years int[] NOT NULL DEFAULT '{}',
  deadline jsonb NOT NULL,
  stage text NOT NULL DEFAULT 'opened' CHECK (stage IN ('opened', 'planned', 'in_progress', 'concluded', 'applied')),
  stage_on date NOT NULL,
  reported_to_government boolean NOT NULL DEFAULT false,
  last_report_on date NOT NULL,
  closed_on date,
  pack_id text NOT NULL,
  version int NOT NULL DEFAULT 1,
  created_by text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
-- 严禁重复督查、多头督查: one open item per matter, enforced by the database too (two clerks at once)
CREATE UNIQUE INDEX sup_items_one_open_per_matter ON sup_items (tenant_id, matter_key) WHERE closed_on IS NULL;
CREATE INDEX sup_items_due ON sup_items (tenant_id, due);

CREATE TABLE sup_item_events (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  item_id text NOT NULL,
  event_type text NOT NULL CHECK (event_type IN ('stage', 'progress', 'chase', 'government_report')),
  stage text,
  on_date date NOT NULL,
  summary text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  recorded_by text,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, item_id) REFERENCES sup_items (tenant_id, id)
);
CREATE INDEX sup_item_events_item ON sup_item_events (tenant_id, item_id, recorded_at);

-- 外出请假、报备 (第七十九条): the report; the absence itself lives in org_absences
CREATE TABLE lead_trip_reports (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  absence_id text NOT NULL,
  person_id text NOT NULL,
  reported_on date NOT NULL,
  reason text NOT NULL,
  urgent_reason text,
  recorded_by text,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX lead_trip_reports_absence ON lead_trip_reports (tenant_id, absence_id);

-- 24小时值班 (第八十条)
CREATE TABLE lead_duty_shifts (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  unit_id text NOT NULL,
  duty_date date NOT NULL,
  start_hour int NOT NULL CHECK (start_hour >= 0 AND start_hour < 24),
  end_hour int NOT NULL CHECK (end_hour > start_hour AND end_hour <= 24),
  person_name text NOT NULL,
  phone text,
  recorded_by text,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX lead_duty_shifts_day ON lead_duty_shifts (tenant_id, duty_date, unit_id);

-- 基层调研 (第九十六条)
CREATE TABLE lead_research_days (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  person_id text NOT NULL,
  date_from date NOT NULL,
  date_to date NOT NULL CHECK (date_to >= date_from),
  place text NOT NULL,
  topic text NOT NULL,
  recorded_by text,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX lead_research_person ON lead_research_days (tenant_id, person_id, date_from);

-- 事先报批 (第七十八条, 第九十八条)
CREATE TABLE lead_approvals (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('speech', 'article', 'inscription', 'preface')),
  title text NOT NULL,
  author_person_id text NOT NULL,
  capacity text NOT NULL CHECK (capacity IN ('government', 'personal')),
  touches_undecided boolean NOT NULL DEFAULT false,
  applicant_unit_id text,
  exception_reason text,
  required boolean NOT NULL,
  article int NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'not_required')),
  decided_by text,
  decided_at timestamptz,
  decision_note text,
  version int NOT NULL DEFAULT 1,
  recorded_by text,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

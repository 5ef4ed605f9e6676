-- Decisions and rule-making (第五章、第六章, 第十条, 第四十二条, 第九十四条). Nothing is deleted: steps,
-- consultations, tracking, corrections, changes and answers are new rows; status columns move forward
-- with a version.

CREATE TABLE dec_major_decisions (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  title text NOT NULL,
  lead_unit_id text NOT NULL,
  summary text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('draft', 'decided')),
  decided_on date,
  decision_text text,
  meeting_id text,
  topic_id text,
  evaluation_due date,
  evaluation_unknown_years int[] NOT NULL DEFAULT '{}',
  pack_id text NOT NULL,
  version int NOT NULL DEFAULT 1,
  created_by text,
  created_at timestamptz NOT NULL
);
CREATE INDEX dec_major_decisions_tenant ON dec_major_decisions (tenant_id, created_at);

CREATE TABLE dec_major_steps (
  seq bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  decision_id text NOT NULL REFERENCES dec_major_decisions(id),
  step text NOT NULL,
  applicable boolean NOT NULL,
  evidence text NOT NULL DEFAULT '',
  reason text NOT NULL DEFAULT '',
  on_date date NOT NULL,
  recorded_by text,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX dec_major_steps_decision ON dec_major_steps (tenant_id, decision_id);

CREATE TABLE dec_consultations (
  seq bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  decision_id text NOT NULL REFERENCES dec_major_decisions(id),
  party text NOT NULL,
  form text NOT NULL DEFAULT '',
  summary text NOT NULL,
  on_date date NOT NULL,
  recorded_by text,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX dec_consultations_decision ON dec_consultations (tenant_id, decision_id);

CREATE TABLE dec_tracking (
  seq bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  decision_id text NOT NULL REFERENCES dec_major_decisions(id),
  stage text NOT NULL,
  on_date date NOT NULL,
  summary text NOT NULL,
  recorded_by text,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX dec_tracking_decision ON dec_tracking (tenant_id, decision_id);

CREATE TABLE dec_collective_matters (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  matter text NOT NULL,
  title text NOT NULL,
  meeting_id text NOT NULL,
  topic_id text NOT NULL,
  note text NOT NULL DEFAULT '',
  pack_id text NOT NULL,
  recorded_by text,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX dec_collective_matters_tenant ON dec_collective_matters (tenant_id, recorded_at);

CREATE TABLE dec_changes (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  target_type text NOT NULL CHECK (target_type IN ('major_decision', 'plan', 'administrative_decision')),
  target_id text,
  target_title text NOT NULL,
  legal_basis text NOT NULL,
  reason text NOT NULL,
  content text NOT NULL DEFAULT '',
  on_date date NOT NULL,
  recorded_by text,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX dec_changes_tenant ON dec_changes (tenant_id, recorded_at);

CREATE TABLE dec_normative_docs (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  title text NOT NULL,
  drafting_unit_id text NOT NULL,
  involved_unit_ids text[] NOT NULL DEFAULT '{}',
  form text NOT NULL,
  public_rights boolean NOT NULL DEFAULT false,
  high_attention boolean NOT NULL DEFAULT false,
  important boolean NOT NULL DEFAULT false,
  status text NOT NULL CHECK (status IN ('draft', 'issued', 'correction_ordered', 'revoked', 'superseded')),
  corrects_id text REFERENCES dec_normative_docs(id),
  legality_review jsonb,
  prior_request jsonb,
  government_approval jsonb,
  consulted_unit_ids text[] NOT NULL DEFAULT '{}',
  checklist jsonb NOT NULL DEFAULT '{}'::jsonb,
  doc_number text,
  issued_on date,
  pack_id text NOT NULL,
  version int NOT NULL DEFAULT 1,
  created_by text,
  created_at timestamptz NOT NULL
);
CREATE INDEX dec_normative_docs_tenant ON dec_normative_docs (tenant_id, created_at);

CREATE TABLE dec_normative_events (
  seq bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  doc_id text NOT NULL REFERENCES dec_normative_docs(id),
  kind text NOT NULL,
  payload jsonb NOT NULL,
  on_date date NOT NULL,
  recorded_by text,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX dec_normative_events_doc ON dec_normative_events (tenant_id, doc_id);

CREATE TABLE dec_legislation (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  title text NOT NULL,
  instrument text NOT NULL,
  action text NOT NULL,
  lead_unit_id text NOT NULL,
  secret boolean NOT NULL DEFAULT false,
  secrecy_reason text NOT NULL DEFAULT '',
  important boolean NOT NULL DEFAULT false,
  disputed boolean NOT NULL DEFAULT false,
  stage text NOT NULL,
  stage_on date NOT NULL,
  third_party jsonb,
  meeting_id text,
  topic_id text,
  published_on date,
  pack_id text NOT NULL,
  version int NOT NULL DEFAULT 1,
  created_by text,
  created_at timestamptz NOT NULL
);
CREATE INDEX dec_legislation_tenant ON dec_legislation (tenant_id, created_at);

CREATE TABLE dec_legislation_events (
  seq bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  item_id text NOT NULL REFERENCES dec_legislation(id),
  stage text NOT NULL,
  on_date date NOT NULL,
  summary text NOT NULL,
  recorded_by text,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX dec_legislation_events_item ON dec_legislation_events (tenant_id, item_id);

CREATE TABLE dec_legislation_disputes (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  item_id text NOT NULL REFERENCES dec_legislation(id),
  issue text NOT NULL,
  sides jsonb NOT NULL,
  proposal text NOT NULL,
  submitted_by_unit_id text NOT NULL,
  submitted_on date NOT NULL,
  decision text,
  decided_on date,
  recorded_by text,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX dec_legislation_disputes_item ON dec_legislation_disputes (tenant_id, item_id);

-- 第四十二条: an open obligation until filed; the rules give no time limit.
CREATE TABLE dec_filings (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  instrument text NOT NULL,
  source_type text NOT NULL CHECK (source_type IN ('normative', 'legislation')),
  source_id text NOT NULL,
  title text NOT NULL,
  published_on date NOT NULL,
  filed_with text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'filed')),
  filed_on date,
  filing_ref text,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  UNIQUE (tenant_id, source_type, source_id)
);

CREATE TABLE dec_inquiries (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  kind text NOT NULL,
  subject text NOT NULL,
  from_body text NOT NULL,
  received_on date NOT NULL,
  answered_on date,
  answer text,
  answered_by text,
  version int NOT NULL DEFAULT 1,
  created_by text,
  created_at timestamptz NOT NULL
);
CREATE INDEX dec_inquiries_tenant ON dec_inquiries (tenant_id, received_on);

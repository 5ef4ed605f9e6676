-- Openness (第七章 第三十七条–第四十一条): what is published (the portal reads nothing else), the
-- proactive publication obligations with their limit, emergency releases, disclosure requests and the
-- full-text search index. Nothing is deleted: a status change, a correction or an answer is a new
-- state recorded with its audit record.

-- Everything the public may see. A row exists only once a use case published it.
CREATE TABLE published_items (
  tenant_id text NOT NULL,
  id text NOT NULL,
  -- where it came from: document, meeting_decision, dept_policy, interpretation, emergency, category
  source_type text NOT NULL,
  source_id text NOT NULL,
  -- what the portal shows it as: document, meeting_decision, policy, interpretation, emergency, disclosure_item
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  doc_number text,
  doc_type text,
  issuer text NOT NULL,
  issuer_unit_id text,
  drafting_unit_id text,
  -- the areas of 第三十八条
  category text,
  meeting_type text,
  issued_on date NOT NULL,
  published_on date NOT NULL,
  published_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'in_force' CHECK (status IN ('in_force', 'amended', 'repealed')),
  status_changed_on date,
  superseded_by text,
  status_note text,
  -- an interpretation points at its policy (第四十条); the policy finds it by this column
  interprets_id text,
  -- emergency releases of one event share a thread (第四十一条)
  thread_id text,
  corrects text,
  version int NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, source_type, source_id)
);
CREATE INDEX published_items_browse ON published_items (tenant_id, kind, issued_on DESC);
CREATE INDEX published_items_interprets ON published_items (tenant_id, interprets_id) WHERE interprets_id IS NOT NULL;
CREATE INDEX published_items_thread ON published_items (tenant_id, thread_id) WHERE thread_id IS NOT NULL;

-- 主动公开 material that must be published within the limit of openness.proactive.publishLimit.
CREATE TABLE publication_obligations (
  tenant_id text NOT NULL,
  id text NOT NULL,
  source_type text NOT NULL,
  source_id text NOT NULL,
  title text NOT NULL,
  doc_number text,
  issuer text,
  issued_on date NOT NULL,
  due_on date NOT NULL,
  remind_from date NOT NULL,
  unknown_years int[] NOT NULL DEFAULT '{}',
  rule_id text NOT NULL,
  article int NOT NULL,
  published_item_id text,
  published_on date,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, source_type, source_id)
);

-- 第四十一条: an emergency and its entries (upward reports stay internal; releases go to published_items).
CREATE TABLE emergency_events (
  tenant_id text NOT NULL,
  id text NOT NULL,
  title text NOT NULL,
  unit_id text,
  unit_name text NOT NULL,
  occurred_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE emergency_entries (
  tenant_id text NOT NULL,
  event_id text NOT NULL,
  seq int NOT NULL,
  kind text NOT NULL CHECK (kind IN ('upward_report', 'fact_release', 'update', 'correction')),
  content text NOT NULL,
  reported_to text,
  corrects text,
  at timestamptz NOT NULL,
  actor_name text NOT NULL,
  published_item_id text,
  PRIMARY KEY (tenant_id, event_id, seq)
);

-- 依申请公开. The query code is kept only as a hash: whoever holds it sees the request, nobody else.
CREATE TABLE disclosure_requests (
  tenant_id text NOT NULL,
  id text NOT NULL,
  receipt_no text NOT NULL,
  code_hash text NOT NULL,
  requester_name text NOT NULL,
  requester_kind text NOT NULL,
  identity text NOT NULL,
  contact jsonb NOT NULL,
  description text NOT NULL,
  purpose text,
  form text NOT NULL,
  delivery text NOT NULL,
  status text NOT NULL CHECK (status IN ('received', 'awaiting_supplement', 'consulting', 'answered')),
  received_at timestamptz NOT NULL,
  received_on date NOT NULL,
  pack_date date NOT NULL,
  clarification jsonb,
  consultations jsonb NOT NULL DEFAULT '[]'::jsonb,
  extension jsonb,
  answer jsonb,
  answered_on date,
  late boolean,
  version int NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, receipt_no)
);
CREATE INDEX disclosure_requests_status ON disclosure_requests (tenant_id, status, received_on);

-- What happened to a request, in words the requester may read.
CREATE TABLE disclosure_request_events (
  tenant_id text NOT NULL,
  request_id text NOT NULL,
  seq int NOT NULL,
  at timestamptz NOT NULL,
  on_date date NOT NULL,
  kind text NOT NULL,
  note text NOT NULL,
  PRIMARY KEY (tenant_id, request_id, seq)
);

-- Full-text search over jieba tokens joined by spaces ('simple' configuration, GIN): the same on
-- PGlite and PostgreSQL. scope 'public' rows mirror published_items; 'staff' rows are internal.
CREATE TABLE search_entries (
  tenant_id text NOT NULL,
  object_type text NOT NULL,
  object_id text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('public', 'staff')),
  unit_id text,
  kind text NOT NULL,
  title text NOT NULL,
  doc_number text,
  issuer text,
  body text NOT NULL,
  dated_on date,
  status text,
  tsv tsvector NOT NULL,
  PRIMARY KEY (tenant_id, object_type, object_id)
);
CREATE INDEX search_entries_tsv ON search_entries USING GIN (tsv);
CREATE INDEX search_entries_scope ON search_entries (tenant_id, scope);

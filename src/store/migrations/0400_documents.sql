-- Official documents (第十章): incoming and outgoing documents, their trail, leader routing, assignments
-- with time limits (第七十三条), opinion requests and countersigns (第六十四条–第六十六条), coordination of
-- disagreements (第六十五条), the 发文字号 register and attachments. Nothing is deleted.

CREATE TABLE documents (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  flow text NOT NULL CHECK (flow IN ('incoming', 'outgoing')),
  state text NOT NULL,
  version int NOT NULL DEFAULT 1,
  doc_type text NOT NULL,
  direction text NOT NULL,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  -- plain columns other contexts read (openness publishes and searches; output renders)
  issuer_name text NOT NULL,
  issuer_unit_id text,
  issuer_code text,
  doc_number text,
  source_doc_number text,
  signer_name text,
  signer_person_id text,
  disclosure text,
  disclosure_reason text,
  issued_date date,
  classification text NOT NULL DEFAULT '',
  urgency text NOT NULL DEFAULT 'normal',
  principal_recipients text[] NOT NULL DEFAULT '{}',
  copy_recipients text[] NOT NULL DEFAULT '{}',
  matters text[] NOT NULL DEFAULT '{}',
  lead_unit_id text,
  related_unit_ids text[] NOT NULL DEFAULT '{}',
  facts jsonb NOT NULL DEFAULT '{}'::jsonb,
  proposal jsonb,
  signing jsonb,
  warnings jsonb NOT NULL DEFAULT '[]'::jsonb,
  routed_person_ids text[] NOT NULL DEFAULT '{}',
  unit_ids text[] NOT NULL DEFAULT '{}',
  registration_no text,
  reply text,
  reply_document_id text,
  pack_id text NOT NULL,
  started_on date NOT NULL,
  closed_at timestamptz,
  created_by_user text,
  created_by_person text,
  client_request_id text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX documents_list ON documents (tenant_id, flow, state, updated_at DESC);
CREATE UNIQUE INDEX documents_client_request ON documents (tenant_id, created_by_user, client_request_id) WHERE client_request_id IS NOT NULL;
CREATE UNIQUE INDEX documents_number ON documents (tenant_id, doc_number) WHERE doc_number IS NOT NULL AND flow = 'outgoing';
CREATE UNIQUE INDEX documents_registration ON documents (tenant_id, registration_no) WHERE registration_no IS NOT NULL;

-- every step, opinion, instruction and deadline of a document, with its article
CREATE TABLE document_events (
  id bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  document_id text NOT NULL REFERENCES documents(id),
  at timestamptz NOT NULL,
  actor_name text NOT NULL,
  actor_person_id text,
  action text NOT NULL,
  label text NOT NULL,
  article int,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX document_events_doc ON document_events (document_id, id);

CREATE TABLE document_versions (
  document_id text NOT NULL REFERENCES documents(id),
  version int NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  at timestamptz NOT NULL,
  actor_name text NOT NULL,
  substantive boolean NOT NULL DEFAULT false,
  PRIMARY KEY (document_id, version)
);

-- 批办: leaders in the order of 第六十八条/第六十九条
CREATE TABLE document_leader_steps (
  document_id text NOT NULL REFERENCES documents(id),
  ord int NOT NULL,
  role text NOT NULL,
  position_id text NOT NULL,
  person_id text,
  acting_reason text,
  mode text NOT NULL,
  article int NOT NULL,
  reason text NOT NULL,
  instruction text,
  done_at timestamptz,
  done_by text,
  PRIMARY KEY (document_id, ord)
);

-- 承办 with the time limits of 第七十三条
CREATE TABLE document_assignments (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  document_id text NOT NULL REFERENCES documents(id),
  unit_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('lead', 'cooperating')),
  time_limit_kind text NOT NULL,
  rule_id text,
  article int NOT NULL,
  assigned_on date NOT NULL,
  due date,
  remind_from date,
  unknown_years int[] NOT NULL DEFAULT '{}',
  override jsonb,
  state text NOT NULL DEFAULT 'open',
  progress_reported_at timestamptz,
  reminded_at timestamptz,
  escalated_at timestamptz,
  done_at timestamptz,
  result text
);
CREATE INDEX document_assignments_open ON document_assignments (tenant_id, state, due);

-- 征求意见或会签 between departments (第六十六条)
CREATE TABLE opinion_requests (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  document_id text REFERENCES documents(id),
  subject text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('opinion', 'countersign')),
  requesting_unit_id text NOT NULL,
  asked_unit_id text NOT NULL,
  requested_on date NOT NULL,
  due date NOT NULL,
  rule_due date NOT NULL,
  override jsonb,
  negotiated jsonb,
  unknown_years int[] NOT NULL DEFAULT '{}',
  state text NOT NULL DEFAULT 'open',
  reply text,
  replied_by text,
  replied_at timestamptz,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL
);
CREATE INDEX opinion_requests_open ON opinion_requests (tenant_id, state, due);

-- 第六十五条: disagreements coordinated by the vice mayor in charge with the deputy secretary-general
CREATE TABLE document_coordinations (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  opinion_request_id text NOT NULL REFERENCES opinion_requests(id),
  document_id text REFERENCES documents(id),
  coordinator_position_id text NOT NULL,
  coordinator_person_id text,
  assistant_position_id text,
  state text NOT NULL DEFAULT 'open',
  outcome text,
  conclusion text,
  created_at timestamptz NOT NULL,
  resolved_at timestamptz
);

-- 发文字号: one counter per issuer code and year; every number taken is issued or recorded as void
CREATE TABLE doc_number_counters (
  tenant_id text NOT NULL,
  issuer_code text NOT NULL,
  year int NOT NULL,
  last_seq int NOT NULL,
  PRIMARY KEY (tenant_id, issuer_code, year)
);
CREATE TABLE doc_numbers (
  tenant_id text NOT NULL,
  issuer_code text NOT NULL,
  year int NOT NULL,
  seq int NOT NULL,
  doc_number text NOT NULL,
  document_id text NOT NULL REFERENCES documents(id),
  state text NOT NULL CHECK (state IN ('taken', 'issued', 'void')),
  void_reason text,
  taken_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, issuer_code, year, seq)
);

CREATE TABLE document_attachments (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  document_id text NOT NULL REFERENCES documents(id),
  name text NOT NULL,
  ext text NOT NULL,
  size int NOT NULL,
  sha256 text NOT NULL,
  content bytea NOT NULL,
  kind text NOT NULL DEFAULT 'attachment',
  uploaded_at timestamptz NOT NULL,
  uploaded_by text NOT NULL
);
CREATE INDEX document_attachments_doc ON document_attachments (document_id);

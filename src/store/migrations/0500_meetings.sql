-- Meetings (第九章 会议制度): meetings with their participants as computed on the day, topics and their
-- pipeline trail (第五十六条), materials (第三十四条), attendance events (第五十三条), leave (第五十七条),
-- written opinions, decisions with who was present (第九条), minutes versions (第五十八条), issuance tasks
-- (第五十九条) and department citywide meeting requests (第六十一条). Nothing is deleted.

CREATE TABLE meetings (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  type text NOT NULL CHECK (type IN ('plenary', 'executive', 'mayorsOffice', 'special')),
  number int,
  starts_at timestamptz NOT NULL,
  place text NOT NULL DEFAULT '',
  video boolean NOT NULL DEFAULT false,
  host_person_id text NOT NULL,
  host_basis text NOT NULL,
  status text NOT NULL CHECK (status IN ('scheduled', 'in_progress', 'ended', 'cancelled')),
  materials_due_at timestamptz NOT NULL,
  opened_at timestamptz,
  ended_at timestamptz,
  participants jsonb NOT NULL,
  pack_id text NOT NULL,
  warnings jsonb NOT NULL DEFAULT '[]'::jsonb,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  created_by text
);
CREATE UNIQUE INDEX meetings_number ON meetings (tenant_id, type, number) WHERE number IS NOT NULL;
CREATE INDEX meetings_start ON meetings (tenant_id, starts_at);

CREATE TABLE meeting_topics (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  title text NOT NULL,
  kind text NOT NULL,
  meeting_type text NOT NULL,
  stage text NOT NULL,
  department_unit_id text NOT NULL,
  involved_unit_ids text[] NOT NULL DEFAULT '{}',
  disputed boolean NOT NULL DEFAULT false,
  involves_counties boolean NOT NULL DEFAULT false,
  public_interest boolean NOT NULL DEFAULT false,
  market_activity boolean NOT NULL DEFAULT false,
  enterprise_rules boolean NOT NULL DEFAULT false,
  concerns_overall boolean NOT NULL DEFAULT false,
  innovative boolean NOT NULL DEFAULT false,
  clear_proposal boolean NOT NULL DEFAULT false,
  to_party_committee boolean NOT NULL DEFAULT false,
  leader_person_id text,
  proposal text NOT NULL DEFAULT '',
  meeting_id text REFERENCES meetings(id),
  agenda_order int,
  coordinates_topic_id text REFERENCES meeting_topics(id),
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  created_by text
);
CREATE INDEX meeting_topics_meeting ON meeting_topics (tenant_id, meeting_id);

-- every step of a topic, in order: who, when, which stage it reached
CREATE TABLE meeting_topic_steps (
  seq bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  topic_id text NOT NULL REFERENCES meeting_topics(id),
  step text NOT NULL,
  stage text NOT NULL,
  by_person_id text,
  by_name text NOT NULL,
  at timestamptz NOT NULL,
  note text NOT NULL DEFAULT ''
);

CREATE TABLE meeting_materials (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  topic_id text NOT NULL REFERENCES meeting_topics(id),
  kind text NOT NULL,
  title text NOT NULL,
  submitted_at timestamptz NOT NULL,
  submitted_by text
);

CREATE TABLE meeting_attendance (
  seq bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id),
  person_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('arrive', 'depart')),
  at timestamptz NOT NULL,
  recorded_by text
);
CREATE INDEX meeting_attendance_meeting ON meeting_attendance (meeting_id, seq);

CREATE TABLE meeting_leaves (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id),
  person_id text NOT NULL,
  reason text NOT NULL,
  approver_person_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'denied')),
  requested_at timestamptz NOT NULL,
  requested_by text,
  decided_at timestamptz,
  decision_note text,
  reported_to_office_at timestamptz,
  version int NOT NULL DEFAULT 1
);

CREATE TABLE meeting_opinions (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id),
  topic_id text NOT NULL REFERENCES meeting_topics(id),
  person_id text NOT NULL,
  text text NOT NULL,
  at timestamptz NOT NULL
);

CREATE TABLE meeting_decisions (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id),
  topic_id text NOT NULL UNIQUE REFERENCES meeting_topics(id),
  outcome text NOT NULL,
  text text NOT NULL,
  decided_by_person_id text NOT NULL,
  decided_at timestamptz NOT NULL,
  present_person_ids text[] NOT NULL,
  absent jsonb NOT NULL,
  quorum jsonb NOT NULL,
  follow_ups jsonb NOT NULL DEFAULT '[]'::jsonb
);

CREATE TABLE meeting_minutes (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id),
  version int NOT NULL,
  text text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'signed')),
  drafted_by text,
  drafted_at timestamptz NOT NULL,
  signed_by_person_id text,
  signed_by_name text,
  signed_at timestamptz,
  UNIQUE (meeting_id, version)
);

CREATE TABLE meeting_issuance_tasks (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id),
  topic_id text NOT NULL REFERENCES meeting_topics(id),
  decision_id text NOT NULL REFERENCES meeting_decisions(id),
  kind text NOT NULL,
  title text NOT NULL,
  recipient text,
  rule_id text NOT NULL,
  article int NOT NULL,
  event_date date NOT NULL,
  due date NOT NULL,
  remind_from date NOT NULL,
  unknown_years int[] NOT NULL DEFAULT '{}',
  label text NOT NULL,
  sender_name text,
  needs_mayor_approval boolean NOT NULL DEFAULT false,
  approved_by_person_id text,
  approved_at timestamptz,
  -- the outgoing document in the documents context, once drafted
  document_id text,
  status text NOT NULL CHECK (status IN ('open', 'issued')),
  issued_at timestamptz,
  issued_ref text,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL
);
CREATE INDEX meeting_issuance_due ON meeting_issuance_tasks (tenant_id, status, due);

CREATE TABLE meeting_citywide_requests (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  department_unit_id text NOT NULL,
  title text NOT NULL,
  year int NOT NULL,
  host_name text NOT NULL,
  vice_mayor_consent jsonb,
  formal_request text,
  video boolean NOT NULL,
  invites_county_heads boolean NOT NULL,
  invites_city_leaders boolean NOT NULL,
  justification text,
  over_yearly_limit boolean NOT NULL,
  warnings jsonb NOT NULL DEFAULT '[]'::jsonb,
  status text NOT NULL CHECK (status IN ('submitted', 'approved', 'refused')),
  decided_by text,
  decided_at timestamptz,
  decision jsonb,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  created_by text
);
CREATE INDEX meeting_citywide_dept_year ON meeting_citywide_requests (tenant_id, department_unit_id, year);

-- Congress suggestions, proposals, petitions, reconsideration, litigation, public supervision (第四十四条–
-- 第四十九条), contingency plans (第二十二条), internal control (第四十三条), dissent (第七十七条).
-- Every row carries tenant_id; nothing is deleted: steps are appended, a case's current status is a
-- column updated under its version. Time limits live in `deadlines` (object_type 'acc_case').

CREATE TABLE acc_cases (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('suggestion', 'proposal', 'petition', 'reconsideration', 'litigation', 'media')),
  title text NOT NULL,
  ref_no text,
  party text NOT NULL DEFAULT '',
  received_on date NOT NULL,
  status text NOT NULL DEFAULT 'registered',
  last_step_on date NOT NULL,
  lead_unit_id text,
  co_unit_ids text[] NOT NULL DEFAULT '{}',
  complex boolean NOT NULL DEFAULT false,
  important boolean NOT NULL DEFAULT false,
  major boolean NOT NULL DEFAULT false,
  area text,
  assigned_on date,
  return_due date,
  contacts_since_assignment int NOT NULL DEFAULT 0,
  instructed boolean NOT NULL DEFAULT false,
  supervision_item_id text,
  extended boolean NOT NULL DEFAULT false,
  must_perform boolean NOT NULL DEFAULT false,
  performed boolean NOT NULL DEFAULT false,
  published boolean NOT NULL DEFAULT false,
  result_code text,
  closed_on date,
  pack_id text NOT NULL,
  version int NOT NULL DEFAULT 1,
  created_by text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX acc_cases_kind ON acc_cases (tenant_id, kind, received_on);

CREATE TABLE acc_case_steps (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  case_id text NOT NULL,
  step text NOT NULL,
  on_date date NOT NULL,
  summary text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  recorded_by text,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, case_id) REFERENCES acc_cases (tenant_id, id)
);
CREATE INDEX acc_case_steps_case ON acc_case_steps (tenant_id, case_id, recorded_at);

-- 应急预案 (第二十二条)
CREATE TABLE acc_plans (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  title text NOT NULL,
  risk text NOT NULL DEFAULT '',
  measures text NOT NULL,
  responsible_unit_id text NOT NULL,
  approved_on date NOT NULL,
  last_reviewed_on date NOT NULL,
  next_review_on date NOT NULL,
  pack_id text NOT NULL,
  version int NOT NULL DEFAULT 1,
  created_by text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE acc_plan_reviews (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  plan_id text NOT NULL,
  reviewed_on date NOT NULL,
  summary text NOT NULL,
  recorded_by text,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, plan_id) REFERENCES acc_plans (tenant_id, id)
);

-- 分事行权、分岗设权 (第四十三条): sensitive approvals and post rotation
CREATE TABLE acc_approvals (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  area text NOT NULL,
  subject text NOT NULL,
  unit_id text,
  drafter_person_id text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  approver_person_id text,
  decided_at timestamptz,
  decision_note text,
  version int NOT NULL DEFAULT 1,
  created_by text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE acc_rotations (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  person_id text NOT NULL,
  unit_id text NOT NULL,
  post text NOT NULL,
  area text NOT NULL,
  since date NOT NULL,
  rotated_on date,
  version int NOT NULL DEFAULT 1,
  created_by text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

-- 不同意见 (第七十七条)
CREATE TABLE acc_dissents (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  decision_ref text NOT NULL,
  person_id text NOT NULL,
  channel text NOT NULL,
  content text NOT NULL,
  raised_on date NOT NULL,
  status text NOT NULL DEFAULT 'standing' CHECK (status IN ('standing', 'remade')),
  remade_ref text,
  remade_on date,
  version int NOT NULL DEFAULT 1,
  created_by text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

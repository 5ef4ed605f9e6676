-- Organisation (第八条–第十四条, 第七十九条, 第九十九条): units, people, posts and who holds them, 分管,
-- 副秘书长协助, AB岗, absences, entrustments. Every row carries tenant_id. Nothing is deleted: a post held,
-- a portfolio or a pair ends by its dated valid_to; an absence is corrected or cancelled by a new row that
-- supersedes it; an entrustment is withdrawn by a revocation row.

CREATE TABLE org_units (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('municipal_government', 'government_office', 'constituent_department',
    'affiliated_institution', 'county_government', 'external')),
  name text NOT NULL,
  short_name text NOT NULL,
  parent_id text,
  affiliation text CHECK (affiliation IN ('directly_affiliated', 'department_managed')),
  tier text CHECK (tier IN ('central', 'provincial', 'municipal')),
  body text CHECK (body IN ('party', 'government', 'congress', 'cppcc')),
  issuer_codes jsonb NOT NULL DEFAULT '[]'::jsonb,
  sort_order int NOT NULL DEFAULT 0,
  valid_from date,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES org_units (tenant_id, id),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);

CREATE TABLE org_people (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  name text NOT NULL,
  gender text CHECK (gender IN ('male', 'female')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE org_positions (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('mayor', 'executive_vice_mayor', 'vice_mayor', 'secretary_general',
    'deputy_secretary_general', 'department_principal_head', 'department_head', 'county_head', 'secretary',
    'clerk', 'duty_officer')),
  unit_id text NOT NULL,
  title text NOT NULL,
  sort_order int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES org_units (tenant_id, id)
);

-- 任职: who holds a post, from when to when (both days included)
CREATE TABLE org_assignments (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  position_id text NOT NULL,
  person_id text NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  concurrent boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, position_id) REFERENCES org_positions (tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES org_people (tenant_id, id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX org_assignments_person ON org_assignments (tenant_id, person_id);

-- 分管 (第十一条)
CREATE TABLE org_portfolios (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  position_id text NOT NULL,
  unit_ids text[] NOT NULL DEFAULT '{}',
  areas text[] NOT NULL DEFAULT '{}',
  valid_from date NOT NULL,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, position_id) REFERENCES org_positions (tenant_id, id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

-- 副秘书长协助副市长 (第十二条)
CREATE TABLE org_assistance (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  assistant_position_id text NOT NULL,
  assisted_position_id text NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, assistant_position_id) REFERENCES org_positions (tenant_id, id),
  FOREIGN KEY (tenant_id, assisted_position_id) REFERENCES org_positions (tenant_id, id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

-- AB岗 (第十一条)
CREATE TABLE org_backup_pairs (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  position_a text NOT NULL,
  position_b text NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, position_a) REFERENCES org_positions (tenant_id, id),
  FOREIGN KEY (tenant_id, position_b) REFERENCES org_positions (tenant_id, id),
  CHECK (position_a <> position_b),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

-- 外出 (第七十九条): append-only; a correction or cancellation supersedes an earlier row, once
CREATE TABLE org_absences (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  person_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('business', 'study', 'leave', 'other')),
  date_from date NOT NULL,
  date_to date NOT NULL,
  destination text,
  note text,
  supersedes text,
  cancelled boolean NOT NULL DEFAULT false,
  recorded_by text,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES org_people (tenant_id, id),
  FOREIGN KEY (tenant_id, supersedes) REFERENCES org_absences (tenant_id, id),
  UNIQUE (tenant_id, supersedes),
  CHECK (date_to >= date_from)
);
CREATE INDEX org_absences_person ON org_absences (tenant_id, person_id, date_from);

-- 受市长委托 (第十三条 preside, 第十一条 task)
CREATE TABLE org_entrustments (
  tenant_id text NOT NULL REFERENCES tenants(id),
  id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('preside', 'task')),
  grantor_position_id text NOT NULL,
  grantee_position_id text NOT NULL,
  date_from date NOT NULL,
  date_to date NOT NULL,
  task text,
  recorded_by text,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, grantor_position_id) REFERENCES org_positions (tenant_id, id),
  FOREIGN KEY (tenant_id, grantee_position_id) REFERENCES org_positions (tenant_id, id),
  CHECK (date_to >= date_from)
);

-- the mayor withdraws an entrustment: from revoked_on on it no longer applies
CREATE TABLE org_entrustment_revocations (
  tenant_id text NOT NULL REFERENCES tenants(id),
  entrustment_id text NOT NULL,
  revoked_on date NOT NULL,
  reason text,
  recorded_by text,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, entrustment_id),
  FOREIGN KEY (tenant_id, entrustment_id) REFERENCES org_entrustments (tenant_id, id)
);

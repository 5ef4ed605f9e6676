-- 电子印章 (docs/seals.md). Each government's seals: name (the text of the ring), owner unit, the SM2
-- public key, and the private key under SM4 with the deployment's data key (src/crypto/sm4.ts, purpose
-- seal.private-key:<id>), never in clear. A seal is revoked, never deleted: documents it sealed keep
-- verifying against the registry.
CREATE TABLE seals (
  tenant_id text NOT NULL,
  id text NOT NULL,
  name text NOT NULL,
  owner_unit_id text NOT NULL,
  public_key text NOT NULL,
  private_key_sealed text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (id)
);
CREATE INDEX seals_owner ON seals (tenant_id, owner_unit_id) WHERE revoked_at IS NULL;

-- The sealed OFD of an issued document, fixed at 印发: downloads and the 公文交换 package carry these bytes.
CREATE TABLE document_seals (
  tenant_id text NOT NULL,
  document_id text NOT NULL,
  seal_id text NOT NULL,
  ofd bytea NOT NULL,
  ofd_sm3 text NOT NULL,
  content_sm3 text NOT NULL,
  sealed_at timestamptz NOT NULL,
  sealed_by text NOT NULL,
  PRIMARY KEY (tenant_id, document_id),
  FOREIGN KEY (tenant_id, seal_id) REFERENCES seals (tenant_id, id)
);

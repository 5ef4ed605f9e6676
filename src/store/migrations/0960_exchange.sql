-- 公文交换 between the governments on the deployment (docs/exchange.md).
--
-- The sender's outbox: one row per package (a document for one receiving government, a 签收回执 or a
-- 退文), written in the same transaction as the action that sends it and delivered exactly once by the
-- exchange worker. The sender sees there what became of it: 已送达 (delivered_at), 已签收 (receipt_at)
-- or 退文 (returned_at with every reason), or refused on arrival (refused_at, e.g. a tampered package).
CREATE TABLE exchange_outbox (
  tenant_id text NOT NULL,
  package_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('document', 'receipt', 'return')),
  receiver_tenant text NOT NULL,
  receiver_organ text NOT NULL,
  document_id text,
  of_package_id text,
  doc_number text,
  title text,
  wire text NOT NULL,
  envelope_sm3 text NOT NULL,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz,
  attempts int NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at timestamptz NOT NULL,
  receipt_at timestamptz,
  receipt jsonb,
  returned_at timestamptz,
  return_reasons jsonb,
  refused_at timestamptz,
  refusal jsonb,
  PRIMARY KEY (tenant_id, package_id),
  UNIQUE (package_id)
);
CREATE INDEX exchange_outbox_pending ON exchange_outbox (next_attempt_at) WHERE delivered_at IS NULL AND refused_at IS NULL;
CREATE INDEX exchange_outbox_document ON exchange_outbox (tenant_id, document_id);

-- The receiver's inbox: every package that arrived, once (the package id is the key). A document
-- waits in the 签收 queue (state pending) until a clerk signs for it, which creates the received
-- document; a package that fails verification is kept as refused, with its reasons.
CREATE TABLE exchange_inbox (
  tenant_id text NOT NULL,
  package_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('document', 'receipt', 'return')),
  sender_tenant text NOT NULL,
  sender_organ text NOT NULL,
  doc_number text,
  title text,
  doc_type text,
  urgency text,
  wire text NOT NULL,
  envelope_sm3 text NOT NULL,
  arrived_at timestamptz NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'signed', 'refused', 'applied')),
  refusal jsonb,
  document_id text,
  signed_at timestamptz,
  signed_by text,
  PRIMARY KEY (tenant_id, package_id)
);
CREATE INDEX exchange_inbox_queue ON exchange_inbox (tenant_id, state, arrived_at DESC);

-- The received (or sent) document remembers the package it came in or went out with.
ALTER TABLE documents ADD COLUMN exchange_package_id text;
ALTER TABLE documents ADD COLUMN exchange_sender_tenant text;

-- Notifications (docs/notifications.md): what 政通 told whom, by which article, and how each channel
-- delivered it.
--
-- A notification is written in the same transaction as the event that gives the work or the deadline
-- (a countersign asked, its reply due tomorrow, 无不同意见 recorded, a 催办 …), once per recipient and
-- event (dedupe_key). It is the web inbox: read_at marks it read.
CREATE TABLE notifications (
  tenant_id text NOT NULL,
  id text NOT NULL,
  recipient_person_id text NOT NULL,
  kind text NOT NULL,
  article int NOT NULL,
  title text NOT NULL,
  body text,
  link text NOT NULL,
  classification text NOT NULL DEFAULT '',
  -- the post the recipient receives it for, while its holder is away (AB岗代理 / 受市长委托)
  acting_for text,
  object_type text,
  object_id text,
  dedupe_key text NOT NULL,
  created_at timestamptz NOT NULL,
  read_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, recipient_person_id, dedupe_key)
);
CREATE INDEX notifications_inbox ON notifications (tenant_id, recipient_person_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications (tenant_id, recipient_person_id) WHERE read_at IS NULL;

-- The outbox of the external channels: one row per notification and channel, delivered exactly once
-- by the notifications worker (claimed FOR UPDATE SKIP LOCKED), retried with back-off, failed for good
-- when the back-off schedule is spent. `held`: quiet hours held it back; it goes out in the digest.
CREATE TABLE notification_deliveries (
  tenant_id text NOT NULL,
  notification_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('mail', 'dingtalk', 'wecom')),
  recipient_person_id text NOT NULL,
  address text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  held boolean NOT NULL DEFAULT false,
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  sent_at timestamptz,
  -- the message the notification went out in (a digest carries several)
  message_id text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, notification_id, channel),
  FOREIGN KEY (tenant_id, notification_id) REFERENCES notifications (tenant_id, id)
);
CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notification_deliveries_list ON notification_deliveries (tenant_id, status, created_at DESC);

-- Each person's choice of kinds × channels, quiet hours and mail address; absent = the role's defaults.
CREATE TABLE notification_preferences (
  tenant_id text NOT NULL,
  person_id text NOT NULL,
  preferences jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, person_id)
);

-- Meetings: cancellation and rescheduling keep the meeting's record (who, when, why, before and after);
-- signed minutes keep the exact output they were signed as, with its SM3 digest (GB/T 9704 纪要).
ALTER TABLE meetings ADD COLUMN cancelled_at timestamptz;
ALTER TABLE meetings ADD COLUMN cancel_reason text;

CREATE TABLE meeting_changes (
  seq bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id),
  kind text NOT NULL CHECK (kind IN ('rescheduled', 'cancelled')),
  at timestamptz NOT NULL,
  by_name text NOT NULL,
  reason text NOT NULL,
  before jsonb NOT NULL,
  after jsonb NOT NULL
);
CREATE INDEX meeting_changes_meeting ON meeting_changes (meeting_id, seq);

ALTER TABLE meeting_minutes ADD COLUMN output jsonb;
ALTER TABLE meeting_minutes ADD COLUMN sm3 text;

-- The registers (收文/发文登记簿) at a city's scale: a department's register reads its own documents through
-- the units and the people they are routed to (the terms of the visibility rule, 第八十二条), the office's
-- register walks the flow newest first; the total is counted up to a cap (REGISTER_COUNT_CAP).
CREATE INDEX IF NOT EXISTS documents_units ON documents USING gin (unit_ids);
CREATE INDEX IF NOT EXISTS documents_routed ON documents USING gin (routed_person_ids);
CREATE INDEX IF NOT EXISTS documents_register ON documents (tenant_id, flow, updated_at DESC, id) INCLUDE (classification);
CREATE INDEX IF NOT EXISTS documents_recent ON documents (tenant_id, updated_at DESC, id) INCLUDE (classification);

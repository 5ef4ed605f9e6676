-- The supervision board a page at a time (第八十六条): open items first, by due date, in all stages or one;
-- and the performance drill-down of one lead department over a period of due dates (第五十条).
CREATE INDEX IF NOT EXISTS sup_items_board ON sup_items (tenant_id, closed_on NULLS FIRST, due, created_at, id);
CREATE INDEX IF NOT EXISTS sup_items_board_stage ON sup_items (tenant_id, stage, closed_on NULLS FIRST, due, created_at, id);
CREATE INDEX IF NOT EXISTS sup_items_lead_due ON sup_items (tenant_id, lead_unit_id, due);

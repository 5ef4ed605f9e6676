-- Search reads through a view that carries the government's condition itself (docs/adr/0005).
-- Under row-level security PostgreSQL checks the policy before any condition that is not leakproof, and
-- the full-text match `tsv @@ query` is not: with the policy on search_entries no search could use its GIN
-- indexes, and every search read all of a government's entries (a rare 发文字号 at 1,000,000 entries: 11 s).
-- The view is owned by the connecting role (the table's owner, which the policy does not restrict), so a
-- search through it is planned like any query; its own condition gives the tenant role the rows of the
-- scope's government only — what the policy gives — and the connecting role (system work) every row.
-- Writes still go to search_entries, under the policy.
CREATE VIEW search_entries_current AS
  SELECT * FROM search_entries
   WHERE tenant_id = current_setting('zhengtong.tenant', true) OR current_user <> 'zhengtong_tenant';
-- (the tenant role's SELECT on it comes with isolation.sql's grant on every table and view)

-- The public reads only public entries (a tenth): their own match indexes, so a common word's public
-- matches are found without reading the staff ones. A staff search counts its public matches here first.
CREATE INDEX search_entries_public_tsv ON search_entries USING GIN (tsv) WHERE scope = 'public';
CREATE INDEX search_entries_public_title_tsv ON search_entries USING GIN (ts_filter(tsv, '{a}')) WHERE scope = 'public';

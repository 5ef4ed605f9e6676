-- Full-text search with many matches (docs/performance.md, "Search"). A common word matches a tenth of the
-- entries; the search counts at most SEARCH_COUNT_CAP of them and, beyond that, reads entries newest first
-- through a date index and stops after the page (最新) or after the candidate window it ranks (相关度).
-- The order is the search's own: dated_on DESC NULLS LAST, object_id, object_type.
CREATE INDEX search_entries_dated ON search_entries (tenant_id, dated_on DESC NULLS LAST, object_id, object_type);
-- the public portal reads only public entries, a tenth of the table: its own date order
CREATE INDEX search_entries_public_dated ON search_entries (tenant_id, dated_on DESC NULLS LAST, object_id, object_type)
  WHERE scope = 'public';
-- title lexemes (weight A of tsv): the candidates whose title matches, found without reading every match
CREATE INDEX search_entries_title_tsv ON search_entries USING GIN (ts_filter(tsv, '{a}'));

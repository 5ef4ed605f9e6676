-- Personal data of the public is stored sealed with SM4 (src/app/privacy/personal-data.ts): the columns
-- hold text of the form sm4$<key>$…, and the fields that are searched carry a blind index (HMAC-SM3)
-- instead of a clear value. Rows written before are sealed at the next start (resealPersonalData).
ALTER TABLE disclosure_requests ALTER COLUMN contact TYPE text USING contact::text;
ALTER TABLE disclosure_requests ADD COLUMN requester_name_index text;
CREATE INDEX disclosure_requests_requester ON disclosure_requests (tenant_id, requester_name_index);
ALTER TABLE acc_cases ADD COLUMN party_index text;
CREATE INDEX acc_cases_party ON acc_cases (tenant_id, party_index);
-- the applicant's name is no longer part of the staff search index: drop the metadata lexemes (weight
-- B: number and name); the receipt number stays findable through the title (weight A)
UPDATE search_entries SET issuer = NULL, tsv = ts_filter(tsv, '{a,d}') WHERE object_type = 'disclosure_request';

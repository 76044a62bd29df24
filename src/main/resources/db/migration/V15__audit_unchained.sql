-- Audit: writers insert their entries unchained (no seq/prev_hash/hash) in their own transaction; the chaining job
-- (AuditTrail.chainPending) assigns them under the county's head lock, so writers never wait on audit_heads.
alter table audit_entries alter column seq drop not null;
alter table audit_entries alter column prev_hash drop not null;
alter table audit_entries alter column hash drop not null;
-- the chaining job's queue: the unchained entries (seq is null) by county, oldest id first
create index audit_entries_unchained on audit_entries (seq, county_code, id);

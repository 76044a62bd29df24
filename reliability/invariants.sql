-- Invariants checked after a crash, an outage or a restore: each query returns the rows that break one.
-- A household number is unique per county (the key the load uses).
select 'duplicate household number', county_code, number from households group by county_code, number having count(*) > 1;
-- Every audit entry follows the one before it in its county's chain (the hashes themselves: /api/v1/audit/verify).
select 'audit gap', a.county_code, a.seq from audit_entries a
 where a.seq > 1 and not exists (select 1 from audit_entries b where b.county_code = a.county_code and b.seq = a.seq - 1);
select 'audit head behind', h.county_code, h.seq from audit_heads h
 where h.seq <> (select coalesce(max(seq), 0) from audit_entries a where a.county_code = h.county_code);

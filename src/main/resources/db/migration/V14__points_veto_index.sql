-- Rankings look up the period's vetoed subjects (一票否决) of a township's villages. They are a handful among the
-- period's credited events, which the inbox index made PostgreSQL read and filter one by one (60,000 rows, 30 ms, in
-- the W4 benchmark). veto leads after the county, so the rare true values are one short range of this index.
create index score_events_veto on score_events (county_code, veto, village_code, period_month);

-- The ledger's sums per subject, village and month (derived, like points_balances; written only by LedgerWriter in
-- the ledger entry's own transaction): points = CREDIT + REVERSAL entries (what a month's ranking counts), settled =
-- SETTLEMENT entries (counted in a year's ranking), and how many entries of each kind, so that "has an entry in the
-- period" and "received a credit" stay answerable without the ledger. Rankings and cockpits read this table.
create table points_scores (
    county_code   varchar(6)  not null,
    village_code  varchar(12) not null,
    period_month  varchar(7)  not null,
    subject_type  varchar(10) not null,
    subject_id    bigint      not null,
    township_code varchar(9)  not null,
    year_no       int         not null,
    household_id  bigint,
    points        bigint      not null default 0,
    settled       bigint      not null default 0,
    entries       int         not null default 0,
    credits       int         not null default 0,
    settlements   int         not null default 0,
    primary key (county_code, village_code, period_month, subject_type, subject_id)
);
create index points_scores_year on points_scores (county_code, year_no, township_code, village_code);

-- filled once from the ledger as it stands (each physical database from its own rows)
insert into points_scores (county_code, village_code, period_month, subject_type, subject_id, township_code, year_no, household_id,
    points, settled, entries, credits, settlements)
select county_code, village_code, period_month, subject_type, subject_id, substring(village_code, 1, 9), min(year_no), max(household_id),
    coalesce(sum(case when kind in ('CREDIT', 'REVERSAL') then points else 0 end), 0),
    coalesce(sum(case when kind = 'SETTLEMENT' then points else 0 end), 0),
    sum(case when kind in ('CREDIT', 'REVERSAL') then 1 else 0 end),
    sum(case when kind = 'CREDIT' then 1 else 0 end),
    sum(case when kind = 'SETTLEMENT' then 1 else 0 end)
from points_ledger where kind in ('CREDIT', 'REVERSAL', 'SETTLEMENT')
group by county_code, village_code, period_month, subject_type, subject_id;

-- 三资 (文登, issue 13 part 2): the register of the collective's funds, assets and resources, the ledger of income
-- and spending, the monthly disclosures; a contract may name the asset it leases and its term.
create table collective_assets (
    county_code     varchar(6)    not null,
    id              bigint        primary key,
    village_code    varchar(12)   not null,
    category        varchar(10)   not null,
    kind            varchar(20)   not null,
    name            varchar(100)  not null,
    quantity        decimal(14,2) not null,
    unit            varchar(10)   not null,
    location        varchar(200),
    book_value_yuan decimal(14,2) not null,
    created_by_name varchar(100)  not null,
    created_at      timestamp     not null
);
create index collective_assets_village on collective_assets (county_code, village_code);

create table collective_entries (
    county_code     varchar(6)    not null,
    id              bigint        primary key,
    village_code    varchar(12)   not null,
    direction       varchar(10)   not null,
    category        varchar(20)   not null,
    amount_yuan     decimal(14,2) not null,
    entry_date      date          not null,
    contract_id     bigint,
    reverses_id     bigint,
    note            varchar(200)  not null,
    created_by_name varchar(100)  not null,
    created_at      timestamp     not null
);
create index collective_entries_village on collective_entries (county_code, village_code, entry_date);
create unique index collective_entries_reverses on collective_entries (county_code, reverses_id);

create table collective_disclosures (
    county_code  varchar(6)  not null,
    id           bigint      primary key,
    village_code varchar(12) not null,
    period       varchar(7)  not null,
    notice_id    bigint      not null,
    published_at timestamp   not null
);
create unique index collective_disclosures_period on collective_disclosures (county_code, village_code, period);

alter table collective_contracts add column asset_id bigint;
alter table collective_contracts add column starts_on date;
alter table collective_contracts add column ends_on date;

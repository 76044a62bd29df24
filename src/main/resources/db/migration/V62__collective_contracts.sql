-- 文登 tender rule (issue 13): the collective's contracts (三资), their tenders and payments.
create table collective_contracts (
    county_code   varchar(6)    not null,
    id            bigint        primary key,
    village_code  varchar(12)   not null,
    kind          varchar(20)   not null,
    title         varchar(100)  not null,
    party         varchar(100)  not null,
    amount_yuan   decimal(14,2) not null,
    tender_ref    varchar(100),
    matter_id     bigint,
    status        varchar(20)   not null,
    signed_on     date,
    trial_ends_on date,
    created_by_name varchar(100) not null,
    created_at    timestamp     not null
);
create index collective_contracts_village on collective_contracts (county_code, village_code);

create table collective_payments (
    county_code varchar(6)    not null,
    id          bigint        primary key,
    contract_id bigint        not null,
    amount_yuan decimal(14,2) not null,
    paid_on     date          not null,
    created_by_name varchar(100) not null,
    created_at  timestamp     not null
);
create index collective_payments_contract on collective_payments (county_code, contract_id);

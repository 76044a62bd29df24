-- 文明银行 (潞城): the township's head office (总行) and its village branches (支行); accounts of households, party
-- members and minors; services with limited places booked with points (spent from the points ledger, no ledger here).
create table rewards_bank_offices (
    county_code    varchar(6)   not null,
    id             bigint       not null primary key,
    division_code  varchar(12)  not null,
    kind           varchar(6)   not null,
    parent_id      bigint,
    name           varchar(100) not null,
    created_by_name varchar(50) not null,
    created_at     timestamp    not null
);
create unique index rewards_bank_offices_division on rewards_bank_offices (county_code, division_code);

create table rewards_bank_accounts (
    county_code   varchar(6)   not null,
    id            bigint       not null primary key,
    office_id     bigint       not null,
    village_code  varchar(12)  not null,
    household_id  bigint       not null,
    holder_type   varchar(12)  not null,
    holder_name   varchar(50)  not null,
    opened_by_name varchar(50) not null,
    opened_at     timestamp    not null
);
create unique index rewards_bank_accounts_holder on rewards_bank_accounts (county_code, household_id, holder_type, holder_name);
create index rewards_bank_accounts_village on rewards_bank_accounts (county_code, village_code);

-- a service with places: booked only grows by a guarded update (booked < places), the check is the last word
create table rewards_bank_services (
    county_code   varchar(6)   not null,
    id            bigint       not null primary key,
    office_id     bigint       not null,
    village_code  varchar(12)  not null,
    name          varchar(100) not null,
    audience      varchar(12)  not null,
    price_points  bigint       not null,
    places        int          not null,
    booked        int          not null default 0,
    starts_on     date,
    active        boolean      not null,
    created_by_name varchar(50) not null,
    created_at    timestamp    not null,
    constraint rewards_bank_services_places check (booked >= 0 and booked <= places)
);
create index rewards_bank_services_village on rewards_bank_services (county_code, village_code, active);

create table rewards_bank_bookings (
    county_code   varchar(6)   not null,
    id            bigint       not null primary key,
    service_id    bigint       not null,
    account_id    bigint       not null,
    household_id  bigint       not null,
    village_code  varchar(12)  not null,
    points        bigint       not null,
    booked_by_name varchar(50) not null,
    booked_at     timestamp    not null
);
create unique index rewards_bank_bookings_once on rewards_bank_bookings (county_code, service_id, account_id);
create index rewards_bank_bookings_household on rewards_bank_bookings (county_code, household_id, booked_at);

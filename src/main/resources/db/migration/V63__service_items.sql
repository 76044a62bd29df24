-- 昌江 services on behalf (便民代办, issue 13): the catalogue and the requests (each one a SERVICE_REQUEST case).
create table service_items (
    county_code varchar(6)   not null,
    id          bigint       primary key,
    code        varchar(20)  not null,
    name        varchar(100) not null,
    mode        varchar(10)  not null,
    online      boolean      not null,
    by_phone    boolean      not null,
    documents   varchar(500) not null,
    limit_days  int          not null,
    active      boolean      not null default true
);
create unique index service_items_code on service_items (county_code, code);

create table service_requests (
    county_code  varchar(6)  not null,
    id           bigint      primary key,
    item_id      bigint      not null,
    case_id      bigint      not null,
    household_id bigint,
    village_code varchar(12) not null,
    due_at       timestamp   not null,
    created_at   timestamp   not null
);
create unique index service_requests_case on service_requests (county_code, case_id);

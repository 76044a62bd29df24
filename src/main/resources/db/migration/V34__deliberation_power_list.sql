-- 小微权力清单: power items with ordered steps, each signed off by one role; cases follow the steps in order.
create table power_items (
    county_code varchar(6)    not null,
    id          bigint        not null primary key,
    code        varchar(20)   not null,
    name        varchar(100)  not null,
    category    varchar(40)   not null,
    description varchar(1000),
    created_at  timestamp     not null
);
create unique index power_items_code on power_items (county_code, code);

create table power_steps (
    county_code         varchar(6)   not null,
    item_id             bigint       not null,
    position            int          not null,
    name                varchar(100) not null,
    role                varchar(30)  not null,
    requires_resolution boolean      not null,
    primary key (county_code, item_id, position)
);

create table power_cases (
    county_code     varchar(6)   not null,
    id              bigint       not null primary key,
    item_id         bigint       not null,
    village_code    varchar(12)  not null,
    title           varchar(200) not null,
    applicant       varchar(50),
    next_position   int,
    state           varchar(20)  not null,
    created_by      bigint       not null,
    created_by_name varchar(50)  not null,
    created_at      timestamp    not null,
    completed_at    timestamp
);
create index power_cases_village on power_cases (county_code, village_code, created_at);

create table power_signoffs (
    county_code    varchar(6)    not null,
    case_id        bigint        not null,
    position       int           not null,
    role           varchar(30)   not null,
    signed_by      bigint        not null,
    signed_by_name varchar(50)   not null,
    note           varchar(1000),
    matter_id      bigint,
    signed_at      timestamp     not null,
    primary key (county_code, case_id, position)
);

-- 村务公开: a village's monthly party/affairs/finance disclosure, one per category and month.
create table affairs_disclosures (
    county_code     varchar(6)    not null,
    id              bigint        not null primary key,
    village_code    varchar(12)   not null,
    category        varchar(10)   not null,
    period          varchar(7)    not null,
    title           varchar(200)  not null,
    body_text       varchar(8000) not null,
    created_by      bigint        not null,
    created_by_name varchar(50)   not null,
    published_at    timestamp     not null,
    notice_ref      varchar(100)
);
create unique index affairs_disclosures_period on affairs_disclosures (county_code, village_code, category, period);

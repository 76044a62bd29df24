-- 提议/民意征集: villagers' and cadres' proposals, one support per account, the cadres' answer.
create table proposals (
    county_code      varchar(6)    not null,
    id               bigint        not null primary key,
    village_code     varchar(12)   not null,
    title            varchar(200)  not null,
    body_text        varchar(4000) not null,
    category         varchar(40),
    author_id        bigint        not null,
    author_name      varchar(50)   not null,
    state            varchar(20)   not null,
    answer_text      varchar(4000),
    answered_by_name varchar(50),
    answered_at      timestamp,
    matter_id        bigint,
    created_at       timestamp     not null
);
create index proposals_village on proposals (county_code, village_code, created_at);

create table proposal_supports (
    county_code varchar(6) not null,
    proposal_id bigint     not null,
    account_id  bigint     not null,
    created_at  timestamp  not null,
    primary key (county_code, proposal_id, account_id)
);

-- Meetings with the notice they were given (notice_days: the rule in force when scheduled).
create table meetings (
    county_code  varchar(6)    not null,
    id           bigint        not null primary key,
    village_code varchar(12)   not null,
    kind         varchar(30)   not null,
    title        varchar(200)  not null,
    agenda       varchar(4000) not null,
    place        varchar(200),
    starts_at    timestamp     not null,
    noticed_at   timestamp     not null,
    notice_days  int           not null,
    body_id      bigint,
    matter_id    bigint,
    state        varchar(20)   not null,
    expected     int,
    present      int,
    attendees    varchar(4000),
    minutes_text varchar(8000),
    recorded_at  timestamp,
    created_by   bigint        not null
);
create index meetings_village on meetings (county_code, village_code, starts_at);

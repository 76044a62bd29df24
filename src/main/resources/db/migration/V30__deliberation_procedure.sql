-- Deliberation: county settings, the matter types that must go through 四议两公开, matters and their steps.

-- One row per county that changed the defaults (meeting notice 3 days: 米易; council terms 5 years).
create table deliberation_settings (
    county_code         varchar(6)  not null primary key,
    meeting_notice_days int         not null,
    term_years          int         not null,
    updated_at          timestamp   not null
);

-- A matter type that requires the procedure; with a threshold only from that amount (yuan) upwards.
create table matter_types (
    county_code    varchar(6)    not null,
    code           varchar(40)   not null,
    name           varchar(100)  not null,
    threshold_yuan numeric(14,2),
    active         boolean       not null,
    updated_at     timestamp     not null,
    primary key (county_code, code)
);

-- 四议两公开: next_step is the only step that may be recorded next (null once finished or rejected).
create table matters (
    county_code             varchar(6)    not null,
    id                      bigint        not null primary key,
    village_code            varchar(12)   not null,
    title                   varchar(200)  not null,
    description             varchar(4000) not null,
    matter_type             varchar(40),
    amount_yuan             numeric(14,2),
    requires_procedure      boolean       not null,
    proposal_id             bigint,
    next_step               varchar(30),
    status                  varchar(30)   not null,
    created_by              bigint        not null,
    created_by_name         varchar(50)   not null,
    created_at              timestamp     not null,
    resolved_at             timestamp,
    resolution_published_at timestamp,
    resolution_notice_ref   varchar(100),
    result_published_at     timestamp,
    result_notice_ref       varchar(100)
);
create index matters_village on matters (county_code, village_code, created_at);

create table matter_steps (
    county_code      varchar(6)    not null,
    matter_id        bigint        not null,
    step_name        varchar(30)   not null,
    seq              int           not null,
    held_on          date          not null,
    present          int,
    expected         int,
    minutes_text     varchar(8000),
    published_text   varchar(8000),
    outcome          varchar(20)   not null,
    meeting_id       bigint,
    vote_id          bigint,
    recorded_by      bigint        not null,
    recorded_by_name varchar(50)   not null,
    recorded_at      timestamp     not null,
    primary key (county_code, matter_id, step_name)
);

-- Cases: one closed loop for grid events (网格事件), whistles (吹哨报到), disputes (矛盾纠纷) and service requests.

-- The county's configurable list of matter types (罗江: 43 grid matters), each with the level it starts at
-- and an optional lead department (主体部门).
create table case_categories (
    county_code varchar(6)   not null,
    code        varchar(20)  not null,
    name        varchar(60)  not null,
    kind        varchar(20)  not null,
    start_level varchar(10)  not null,
    department  varchar(50),
    position    int          not null,
    active      boolean      not null default true,
    primary key (county_code, code)
);

-- County departments that cases are dispatched or whistled to (staff accounts carry the same name).
create table case_departments (
    county_code varchar(6)  not null,
    name        varchar(50) not null,
    position    int         not null,
    primary key (county_code, name)
);

-- Time limit of each level (琼海 四级化事法); a county without a row uses the application defaults.
create table case_level_limits (
    county_code varchar(6)  not null,
    level       varchar(10) not null,
    limit_hours int         not null,
    primary key (county_code, level)
);

create table cases (
    county_code            varchar(6)    not null,
    id                     bigint        not null,
    kind                   varchar(20)   not null,
    category_code          varchar(20)   not null,
    title                  varchar(100)  not null,
    description            varchar(2000) not null,
    channel                varchar(12)   not null,
    status                 varchar(12)   not null,
    level                  varchar(10)   not null,
    village_code           varchar(12)   not null,
    group_code             varchar(15),
    grid_id                bigint,
    household_id           bigint,
    address                varchar(200),
    lat                    decimal(9, 6),
    lon                    decimal(9, 6),
    media_url              varchar(500),
    urgent                 boolean       not null default false,
    reporter_account_id    bigint,
    reporter_name          varchar(50),
    reporter_phone         varchar(20),
    handler_account_id     bigint,
    handler_name           varchar(50),
    handler_department     varchar(50),
    volunteer_household_id bigint,
    reported_at            timestamp     not null,
    response_due_at        timestamp     not null,
    responded_at           timestamp,
    accepted_at            timestamp,
    level_started_at       timestamp     not null,
    due_at                 timestamp,
    -- the next instant the overdue sweep must look at this case; null when no timer runs
    timer_at               timestamp,
    handled_at             timestamp,
    handling_seconds       bigint,
    feedback_at            timestamp,
    rating                 varchar(20),
    rated_at               timestamp,
    closed_at              timestamp,
    overdue                boolean       not null default false,
    escalations            int           not null default 0,
    reopen_count           int           not null default 0,
    -- bumped by every logged step: the optimistic claim of commands and of the sweep
    version                int           not null default 0,
    updated_at             timestamp     not null,
    primary key (county_code, id)
);
-- the sweep reads "timer_at <= now" in timer order: a range scan that stays short with 1,000,000 open cases
create index cases_timer on cases (timer_at, id);
-- inbox by level and area, most urgent first
create index cases_inbox on cases (county_code, level, status, due_at);
-- lists and measures by area and period
create index cases_area on cases (county_code, village_code, reported_at);
create index cases_grid on cases (county_code, grid_id, reported_at);
create index cases_household on cases (county_code, household_id);
create index cases_reporter on cases (county_code, reporter_account_id);
create index cases_department on cases (county_code, handler_department, reported_at);

-- Append-only: one row per step, seq = the case's version after the step.
create table case_log (
    county_code varchar(6)    not null,
    id          bigint        not null,
    case_id     bigint        not null,
    seq         int           not null,
    at          timestamp     not null,
    actor_id    bigint,
    actor_name  varchar(50),
    action      varchar(20)   not null,
    from_status varchar(12),
    to_status   varchar(12)   not null,
    level       varchar(10)   not null,
    note        varchar(2000),
    primary key (county_code, id)
);
create unique index case_log_seq on case_log (county_code, case_id, seq);

create table case_photos (
    county_code  varchar(6)  not null,
    id           bigint      not null,
    case_id      bigint      not null,
    content_type varchar(50) not null,
    size_bytes   int         not null,
    data         bytea       not null,
    created_at   timestamp   not null,
    primary key (county_code, id)
);
create index case_photos_case on case_photos (county_code, case_id);

-- A write replayed with the same Idempotency-Key gets the first answer back.
create table case_idempotency_keys (
    county_code  varchar(6)    not null,
    account_id   bigint        not null,
    idem_key     varchar(100)  not null,
    request_hash varchar(64)   not null,
    status       int           not null,
    body         varchar(65535),
    created_at   timestamp     not null,
    primary key (county_code, account_id, idem_key)
);

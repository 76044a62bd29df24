-- Monitoring (防返贫动态监测): the county's yearly income line, monitoring cases, their identification and
-- elimination steps, assistance measures and recorded income checks.

-- The yearly income line (监测收入标准) a county sets, and how long income must stay above it before a
-- household's risk may be eliminated.
create table monitoring_income_lines (
    county_code   varchar(6)    not null,
    line_year     int           not null,
    line_yuan     decimal(12,2) not null,
    stable_months int           not null,
    set_by        varchar(100)  not null,
    set_at        timestamp     not null,
    primary key (county_code, line_year)
);

-- One monitoring case of a household: opened by an application, a visit or a rule flag; decided by the county.
create table monitoring_cases (
    county_code   varchar(6)    not null,
    id            bigint        not null primary key,
    household_id  bigint        not null,
    village_code  varchar(12)   not null,
    location_code varchar(15)   not null,
    grid_id       bigint,
    channel       varchar(10)   not null,
    kind          varchar(20),
    reason        varchar(1000) not null,
    status        varchar(30)   not null,
    opened_by     varchar(100)  not null,
    opened_at     timestamp     not null,
    updated_at    timestamp     not null
);
create index monitoring_cases_village on monitoring_cases (county_code, village_code, status);
create index monitoring_cases_household on monitoring_cases (county_code, household_id);

-- Each step of identification and risk elimination, with who and when (append-only).
create table monitoring_case_steps (
    county_code varchar(6)    not null,
    id          bigint        not null primary key,
    case_id     bigint        not null,
    step        varchar(40)   not null,
    approved    boolean       not null,
    note        varchar(1000),
    actor_name  varchar(100)  not null,
    actor_role  varchar(30)   not null,
    step_at     timestamp     not null
);
create index monitoring_case_steps_case on monitoring_case_steps (county_code, case_id);

-- 帮扶措施: one assistance measure with its responsible cadre, dates and outcome.
create table monitoring_measures (
    county_code varchar(6)    not null,
    id          bigint        not null primary key,
    case_id     bigint        not null,
    kind        varchar(20)   not null,
    description varchar(1000) not null,
    responsible varchar(100)  not null,
    start_on    date          not null,
    end_on      date,
    outcome     varchar(1000),
    created_by  varchar(100)  not null,
    created_at  timestamp     not null
);
create index monitoring_measures_case on monitoring_measures (county_code, case_id);

-- Recorded income checks (per person, yuan per year) that prove income has stayed above the line.
create table monitoring_income_checks (
    county_code       varchar(6)    not null,
    id                bigint        not null primary key,
    case_id           bigint        not null,
    checked_on        date          not null,
    income_per_capita decimal(12,2) not null,
    above_line        boolean       not null,
    recorded_by       varchar(100)  not null,
    recorded_at       timestamp     not null
);
create index monitoring_income_checks_case on monitoring_income_checks (county_code, case_id, checked_on);

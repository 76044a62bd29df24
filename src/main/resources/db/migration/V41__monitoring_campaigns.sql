-- Survey (调查表) and measures (措施表) templates a county issues over household facts, and the campaigns
-- that send them down (下发 → 转办) to the households and bring them back (反馈 → 评价).
create table monitoring_templates (
    county_code varchar(6)    not null,
    id          bigint        not null primary key,
    kind        varchar(10)   not null,
    code        varchar(40)   not null,
    version     int           not null,
    title       varchar(200)  not null,
    field_keys  varchar(4000) not null,
    created_by  varchar(100)  not null,
    created_at  timestamp     not null
);
create unique index monitoring_templates_version on monitoring_templates (county_code, kind, code, version);

create table monitoring_campaigns (
    county_code          varchar(6)   not null,
    id                   bigint       not null primary key,
    title                varchar(200) not null,
    survey_template_id   bigint       not null,
    measures_template_id bigint,
    deadline             date,
    issued_by            varchar(100) not null,
    issued_at            timestamp    not null
);
create index monitoring_campaigns_county on monitoring_campaigns (county_code, issued_at);

-- The campaign at each township and village: ISSUED when it arrives, FORWARDED when passed on.
create table monitoring_campaign_units (
    county_code   varchar(6)   not null,
    campaign_id   bigint       not null,
    division_code varchar(12)  not null,
    status        varchar(10)  not null,
    arrived_at    timestamp    not null,
    forwarded_by  varchar(100),
    forwarded_at  timestamp,
    primary key (county_code, campaign_id, division_code)
);

-- One household's form in a campaign: ASSIGNED → FILLED (反馈) → EVALUATED (评价); a returned form goes back to ASSIGNED.
create table monitoring_forms (
    county_code      varchar(6)   not null,
    id               bigint       not null primary key,
    campaign_id      bigint       not null,
    household_id     bigint       not null,
    household_number varchar(40)  not null,
    township_code    varchar(9)   not null,
    village_code     varchar(12)  not null,
    location_code    varchar(15)  not null,
    grid_id          bigint,
    status           varchar(10)  not null,
    answers          varchar(8000),
    filled_by        varchar(100),
    filled_at        timestamp,
    evaluation_note  varchar(500),
    evaluated_by     varchar(100),
    evaluated_at     timestamp
);
create unique index monitoring_forms_household on monitoring_forms (county_code, campaign_id, household_id);
create index monitoring_forms_village on monitoring_forms (county_code, campaign_id, village_code, status);

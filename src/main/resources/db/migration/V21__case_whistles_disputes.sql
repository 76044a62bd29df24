-- 吹哨报到 (平谷): a township whistles on a case; each named county department must respond by due_at.
create table case_whistles (
    county_code  varchar(6)    not null,
    id           bigint        not null,
    case_id      bigint        not null,
    blown_by_id  bigint,
    blown_by     varchar(50),
    blown_at     timestamp     not null,
    hours        int           not null,
    note         varchar(1000),
    primary key (county_code, id)
);
create index case_whistles_case on case_whistles (county_code, case_id);

create table case_whistle_calls (
    county_code    varchar(6)    not null,
    whistle_id     bigint        not null,
    case_id        bigint        not null,
    department     varchar(50)   not null,
    blown_at       timestamp     not null,
    due_at         timestamp     not null,
    responded_at   timestamp,
    responder_id   bigint,
    responder_name varchar(50),
    response_note  varchar(1000),
    primary key (county_code, whistle_id, department)
);
create index case_whistle_calls_department on case_whistle_calls (county_code, department, blown_at);
create index case_whistle_calls_case on case_whistle_calls (county_code, case_id);

-- 人民调解: mediators the parties may choose from, by tier (village, township, county: 长子 三级调解).
create table case_mediators (
    county_code   varchar(6)  not null,
    id            bigint      not null,
    division_code varchar(15) not null,
    tier          varchar(10) not null,
    name          varchar(50) not null,
    phone         varchar(20),
    active        boolean     not null default true,
    created_at    timestamp   not null,
    primary key (county_code, id)
);
create index case_mediators_division on case_mediators (county_code, division_code);

create table case_disputes (
    county_code       varchar(6)    not null,
    case_id           bigint        not null,
    tier              varchar(10)   not null,
    mediator_id       bigint,
    mediator_name     varchar(50),
    chosen_by_parties boolean       not null default false,
    outcome           varchar(12)   not null,
    agreement         varchar(4000),
    agreed_at         timestamp,
    follow_up_on      date,
    followed_up_at    timestamp,
    follow_up_note    varchar(1000),
    primary key (county_code, case_id)
);

create table case_dispute_parties (
    county_code  varchar(6)  not null,
    case_id      bigint      not null,
    seq          int         not null,
    name         varchar(50) not null,
    household_id bigint,
    phone        varchar(20),
    primary key (county_code, case_id, seq)
);

create table case_mediation_sessions (
    county_code   varchar(6)    not null,
    id            bigint        not null,
    case_id       bigint        not null,
    held_on       date          not null,
    mediator_name varchar(50),
    outcome       varchar(12)   not null,
    note          varchar(2000) not null,
    recorded_by   varchar(50),
    created_at    timestamp     not null,
    primary key (county_code, id)
);
create index case_mediation_sessions_case on case_mediation_sessions (county_code, case_id);

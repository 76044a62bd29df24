-- Points (积分制): schemes and their items, score events, rectification notices, the append-only ledger with a
-- cached balance, red/black lists, quota-guarded nominations, annual settlements and their archived results.
create table points_schemes (
    county_code          varchar(6)   not null,
    id                   bigint       not null primary key,
    lineage_id           bigint       not null,
    version              int          not null,
    owner_code           varchar(12)  not null,
    template             boolean      not null,
    parent_id            bigint,
    name                 varchar(100) not null,
    status               varchar(10)  not null,
    subject_type         varchar(10)  not null,
    base_score           bigint       not null,
    max_score            bigint,
    min_score            bigint,
    review_day           int          not null,
    notice_cycle         varchar(10)  not null,
    notice_days          int          not null,
    settlement           varchar(12)  not null,
    redemption           varchar(10)  not null,
    veto_ranking         varchar(10)  not null,
    star_mode            varchar(10)  not null,
    star1                bigint       not null,
    star2                bigint       not null,
    star3                bigint       not null,
    list_mode            varchar(10)  not null,
    red_size             int          not null,
    black_size           int          not null,
    black_probation_days int          not null,
    group_rule           varchar(10)  not null,
    group_pass_score     bigint,
    voucher_quota_pct    int,
    honour_quota_pct     int,
    rectification_days   int          not null,
    mandatory_categories varchar(500),
    decision_date        date,
    decision_meeting     varchar(200),
    votes_for            int,
    votes_against        int,
    effective_from       date,
    adopted_at           timestamp,
    adopted_by_name      varchar(50),
    created_at           timestamp    not null
);
create index points_schemes_owner on points_schemes (county_code, owner_code, status, effective_from);
create unique index points_schemes_version on points_schemes (county_code, lineage_id, version);

create table points_items (
    county_code       varchar(6)   not null,
    id                bigint       not null primary key,
    scheme_id         bigint       not null,
    position          int          not null,
    category          varchar(40)  not null,
    name              varchar(200) not null,
    sign              varchar(1)   not null,
    points            bigint       not null,
    evidence_required boolean      not null,
    recorders         varchar(100) not null,
    cap_per_period    bigint,
    veto              boolean      not null,
    affects_subsidy   boolean      not null
);
create index points_items_scheme on points_items (county_code, scheme_id, position);

-- subjects that are neither a household, a person nor a villager group (enterprise, family farm)
create table points_subjects (
    county_code  varchar(6)   not null,
    id           bigint       not null primary key,
    village_code varchar(12)  not null,
    kind         varchar(20)  not null,
    name         varchar(100) not null,
    created_at   timestamp    not null
);
create index points_subjects_village on points_subjects (county_code, village_code);

create table score_events (
    county_code      varchar(6)    not null,
    id               bigint        not null primary key,
    village_code     varchar(12)   not null,
    group_code       varchar(15),
    grid_id          bigint,
    household_id     bigint,
    subject_type     varchar(10)   not null,
    subject_id       bigint        not null,
    subject_label    varchar(100)  not null,
    scheme_id        bigint        not null,
    item_id          bigint        not null,
    category         varchar(40)   not null,
    item_name        varchar(200)  not null,
    points           bigint        not null,
    veto             boolean       not null,
    occurred_on      date          not null,
    period_month     varchar(7)    not null,
    source           varchar(12)   not null,
    organisation     varchar(100),
    description      varchar(500)  not null,
    evidence_text    varchar(1000),
    evidence_refs    varchar(1000),
    status           varchar(20)   not null,
    recorded_by      bigint        not null,
    recorded_by_name varchar(50)   not null,
    recorded_at      timestamp     not null,
    verified_by      bigint,
    verified_by_name varchar(50),
    verified_at      timestamp,
    reviewed_by      bigint,
    reviewed_by_name varchar(50),
    reviewed_at      timestamp,
    rejected_reason  varchar(500),
    notice_id        bigint,
    credited_at      timestamp,
    reversed_at      timestamp,
    reversal_reason  varchar(500),
    idempotency_key  varchar(100),
    request_hash     varchar(64)
);
create index score_events_inbox on score_events (county_code, village_code, status, period_month);
create index score_events_household on score_events (county_code, household_id, occurred_on);
create index score_events_subject on score_events (county_code, subject_type, subject_id, period_month);
create index score_events_notice on score_events (county_code, notice_id);
create unique index score_events_idempotency on score_events (county_code, recorded_by, idempotency_key);

-- 整改告知书: a deduction gives the household a deadline; rectified in time, the deduction is waived
create table points_rectifications (
    county_code    varchar(6)   not null,
    id             bigint       not null primary key,
    event_id       bigint       not null,
    village_code   varchar(12)  not null,
    household_id   bigint,
    issued_at      timestamp    not null,
    deadline       timestamp    not null,
    status         varchar(10)  not null,
    closed_at      timestamp,
    closed_by_name varchar(50),
    note           varchar(500)
);
create unique index points_rectifications_event on points_rectifications (county_code, event_id);
create index points_rectifications_village on points_rectifications (county_code, village_code, status, deadline);

-- append-only: a credited event is corrected by a REVERSAL entry, never by changing a row
create table points_ledger (
    county_code     varchar(6)   not null,
    id              bigint       not null primary key,
    subject_type    varchar(10)  not null,
    subject_id      bigint       not null,
    household_id    bigint,
    village_code    varchar(12)  not null,
    group_code      varchar(15),
    year_no         int          not null,
    period_month    varchar(7)   not null,
    points          bigint       not null,
    kind            varchar(12)  not null,
    event_id        bigint,
    reverses_id     bigint,
    reason          varchar(500) not null,
    created_by_name varchar(50)  not null,
    created_at      timestamp    not null,
    idempotency_key varchar(100) not null
);
create unique index points_ledger_idempotency on points_ledger (county_code, idempotency_key);
create index points_ledger_subject on points_ledger (county_code, subject_type, subject_id, year_no);
create index points_ledger_village on points_ledger (county_code, village_code, period_month);

-- a cache of the ledger's sums per subject and year, changed only in the ledger's own transaction
create table points_balances (
    county_code  varchar(6)  not null,
    subject_type varchar(10) not null,
    subject_id   bigint      not null,
    year_no      int         not null,
    honour       bigint      not null default 0,
    spendable    bigint      not null default 0,
    primary key (county_code, subject_type, subject_id, year_no)
);

-- 红黑榜: a black-list entry is shown only after a cadre's privacy check, and lifted on application after probation
create table points_list_entries (
    county_code     varchar(6)   not null,
    id              bigint       not null primary key,
    village_code    varchar(12)  not null,
    period_key      varchar(8)   not null,
    list_type       varchar(5)   not null,
    subject_type    varchar(10)  not null,
    subject_id      bigint       not null,
    household_id    bigint,
    subject_label   varchar(100) not null,
    score           bigint       not null,
    rank_no         int,
    status          varchar(16)  not null,
    probation_until date,
    checked_by_name varchar(50),
    checked_at      timestamp,
    lift_reason     varchar(500),
    lifted_at       timestamp,
    created_at      timestamp    not null
);
create unique index points_list_entries_subject on points_list_entries (county_code, village_code, period_key, list_type, subject_type, subject_id);
create index points_list_entries_household on points_list_entries (county_code, household_id, status);

-- 金寨 quotas: vouchers to at most 60% of a village's households a year, 新时代文明户 at most 20% of participants
create table points_nominations (
    county_code       varchar(6)   not null,
    id                bigint       not null primary key,
    village_code      varchar(12)  not null,
    year_no           int          not null,
    kind              varchar(12)  not null,
    household_id      bigint       not null,
    subject_label     varchar(100) not null,
    reason            varchar(500),
    nominated_by_name varchar(50)  not null,
    created_at        timestamp    not null
);
create unique index points_nominations_household on points_nominations (county_code, kind, year_no, household_id);
create index points_nominations_village on points_nominations (county_code, village_code, year_no, kind);

create table points_quotas (
    county_code  varchar(6)  not null,
    village_code varchar(12) not null,
    year_no      int         not null,
    kind         varchar(12) not null,
    used         int         not null default 0,
    primary key (county_code, village_code, year_no, kind)
);

create table points_settlements (
    county_code  varchar(6)  not null,
    village_code varchar(12) not null,
    year_no      int         not null,
    mode         varchar(12) not null,
    subjects     int         not null,
    settled_at   timestamp   not null,
    settled_by_name varchar(50) not null,
    primary key (county_code, village_code, year_no)
);

-- the archive of a settled year (结果登记进档案)
create table points_year_results (
    county_code   varchar(6)   not null,
    village_code  varchar(12)  not null,
    year_no       int          not null,
    subject_type  varchar(10)  not null,
    subject_id    bigint       not null,
    subject_label varchar(100) not null,
    score         bigint       not null,
    rank_no       int,
    stars         int          not null,
    vetoed        boolean      not null,
    primary key (county_code, village_code, year_no, subject_type, subject_id)
);

-- 固原 household points card (issue 13): basic, democratic and contribution points on one card, never cleared.
-- Entries are approved by a majority of the village's scoring group (3-5 members elected by the representative
-- assembly); a supervision group (3-5) may flag any entry for re-review.
create table card_groups (
    county_code     varchar(6)   not null,
    id              bigint       primary key,
    village_code    varchar(12)  not null,
    kind            varchar(20)  not null,
    elected_on      date         not null,
    resolution      varchar(200) not null,
    active          boolean      not null,
    created_by_name varchar(100) not null,
    created_at      timestamp    not null
);
create index card_groups_village on card_groups (county_code, village_code, kind, active);

create table card_group_members (
    county_code  varchar(6)   not null,
    group_id     bigint       not null,
    account_id   bigint       not null,
    name         varchar(100) not null,
    primary key (county_code, group_id, account_id)
);

create table card_entries (
    county_code     varchar(6)   not null,
    id              bigint       primary key,
    village_code    varchar(12)  not null,
    household_id    bigint       not null,
    kind            varchar(20)  not null,
    aspect          varchar(40)  not null,
    item            varchar(100) not null,
    points          bigint       not null,
    year_no         int          not null,
    status          varchar(20)  not null,
    round_no        int          not null,
    group_id        bigint       not null,
    group_size      int          not null,
    proposed_by_name varchar(100) not null,
    proposed_at     timestamp    not null,
    decided_at      timestamp,
    flag_reason     varchar(200),
    flagged_by_name varchar(100),
    flagged_at      timestamp
);
create index card_entries_household on card_entries (county_code, household_id, status);
create index card_entries_village on card_entries (county_code, village_code, status);

create table card_votes (
    county_code varchar(6)   not null,
    entry_id    bigint       not null,
    round_no    int          not null,
    account_id  bigint       not null,
    name        varchar(100) not null,
    approve     boolean      not null,
    voted_at    timestamp    not null,
    primary key (county_code, entry_id, round_no, account_id)
);

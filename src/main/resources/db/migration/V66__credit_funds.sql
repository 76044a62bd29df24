-- 荣成 credit fund (issue 13): credit points posted monthly per person; welfare paid from a fund by credit points at a
-- payout at least once a quarter (split exact to the fen by the rewards module's dividend mechanism, put on notice).
create table fund_postings (
    county_code     varchar(6)   not null,
    id              bigint       primary key,
    village_code    varchar(12)  not null,
    period_month    varchar(7)   not null,
    person_id       bigint       not null,
    household_id    bigint       not null,
    person_name     varchar(50)  not null,
    points          bigint       not null,
    reason          varchar(200) not null,
    posted_by_name  varchar(100) not null,
    posted_at       timestamp    not null
);
create unique index fund_postings_once on fund_postings (county_code, person_id, period_month);
create index fund_postings_village on fund_postings (county_code, village_code, period_month);

create table fund_payouts (
    county_code     varchar(6)    not null,
    id              bigint        primary key,
    village_code    varchar(12)   not null,
    quarter         varchar(7)    not null,
    pool_fen        bigint        not null,
    weighted_points bigint        not null,
    status          varchar(20)   not null,
    notice_id       bigint,
    created_by_name varchar(100)  not null,
    created_at      timestamp     not null,
    paid_at         timestamp
);
create unique index fund_payouts_quarter on fund_payouts (county_code, village_code, quarter);

create table fund_payout_shares (
    county_code varchar(6)  not null,
    payout_id   bigint      not null,
    person_id   bigint      not null,
    person_name varchar(50) not null,
    points      bigint      not null,
    fen         bigint      not null,
    primary key (county_code, payout_id, person_id)
);

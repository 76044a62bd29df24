-- Rewards: the points supermarket (counters, goods, budgets, funding, redemption codes), dividend runs, credit.
-- Money is kept in fen (bigint); stock, budgets and codes change only by guarded conditional updates.

-- county-wide rules: forbidden goods categories (null = the default 现金,烟,酒,扑克) and the credit rules
create table rewards_county_rules (
    county_code           varchar(6)   not null primary key,
    forbidden_categories  varchar(500),
    credit_min_points     bigint       not null default 100,
    credit_exclude_black  boolean      not null default true,
    credit_village_pct    int          not null default 60,
    updated_by_name       varchar(50)  not null,
    updated_at            timestamp    not null
);

-- a counter (柜台): a village shop that joined, with its own MERCHANT account
create table rewards_merchants (
    county_code  varchar(6)   not null,
    id           bigint       not null primary key,
    village_code varchar(12)  not null,
    account_id   bigint       not null,
    name         varchar(100) not null,
    created_at   timestamp    not null
);
create index rewards_merchants_village on rewards_merchants (county_code, village_code);
create index rewards_merchants_account on rewards_merchants (county_code, account_id);

create table rewards_goods (
    county_code  varchar(6)   not null,
    id           bigint       not null primary key,
    merchant_id  bigint       not null,
    village_code varchar(12)  not null,
    name         varchar(100) not null,
    category     varchar(40)  not null,
    kind         varchar(10)  not null,
    price_points bigint       not null,
    stock        int          not null,
    active       boolean      not null,
    created_at   timestamp    not null,
    constraint rewards_goods_stock check (stock >= 0)
);
create index rewards_goods_village on rewards_goods (county_code, village_code, active);

-- the village's redemption budget of a year, in fen; used only grows by a guarded update
create table rewards_budgets (
    county_code    varchar(6)  not null,
    village_code   varchar(12) not null,
    year_no        int         not null,
    amount_fen     bigint      not null,
    used_fen       bigint      not null default 0,
    fen_per_point  bigint      not null default 100,
    updated_by_name varchar(50) not null,
    updated_at     timestamp   not null,
    primary key (county_code, village_code, year_no),
    constraint rewards_budgets_used check (used_fen <= amount_fen)
);

create table rewards_funding (
    county_code  varchar(6)   not null,
    id           bigint       not null primary key,
    village_code varchar(12)  not null,
    year_no      int          not null,
    source       varchar(12)  not null,
    amount_fen   bigint       not null,
    note         varchar(200),
    created_by_name varchar(50) not null,
    created_at   timestamp    not null
);
create index rewards_funding_budget on rewards_funding (county_code, village_code, year_no);

-- a one-time code: ISSUED until a merchant confirms it (USED) once
create table rewards_redemptions (
    county_code     varchar(6)   not null,
    id              bigint       not null primary key,
    code            varchar(8)   not null,
    village_code    varchar(12)  not null,
    household_id    bigint       not null,
    merchant_id     bigint       not null,
    goods_id        bigint       not null,
    goods_name      varchar(100) not null,
    quantity        int          not null,
    points          bigint       not null,
    value_fen       bigint       not null,
    status          varchar(8)   not null,
    issued_by_name  varchar(50)  not null,
    issued_at       timestamp    not null,
    expires_at      timestamp    not null,
    used_at         timestamp,
    confirmed_by_name varchar(50)
);
create unique index rewards_redemptions_code on rewards_redemptions (code);
create index rewards_redemptions_merchant on rewards_redemptions (county_code, merchant_id, status, used_at);
create index rewards_redemptions_household on rewards_redemptions (county_code, household_id, issued_at);

-- 股份分红 + 善治积分 (平湖): a pool split by positive points, published before it is paid
create table rewards_dividend_runs (
    county_code     varchar(6)   not null,
    id              bigint       not null primary key,
    village_code    varchar(12)  not null,
    year_no         int          not null,
    pool_fen        bigint       not null,
    weighted_points bigint       not null,
    fen_per_point   bigint       not null,
    status          varchar(10)  not null,
    notice_id       bigint,
    created_by_name varchar(50)  not null,
    created_at      timestamp    not null,
    published_at    timestamp,
    paid_at         timestamp
);
create index rewards_dividend_runs_village on rewards_dividend_runs (county_code, village_code, year_no);

create table rewards_dividend_shares (
    county_code  varchar(6)  not null,
    run_id       bigint      not null,
    household_id bigint      not null,
    points       bigint      not null,
    amount_fen   bigint      not null,
    primary key (county_code, run_id, household_id)
);

-- 信用+: a household's consent to be shown to banks, given or revoked (the latest row counts)
create table rewards_consents (
    county_code   varchar(6)   not null,
    id            bigint       not null primary key,
    household_id  bigint       not null,
    village_code  varchar(12)  not null,
    given         boolean      not null,
    by_name       varchar(50)  not null,
    created_at    timestamp    not null
);
create index rewards_consents_household on rewards_consents (county_code, household_id, created_at);
create index rewards_consents_village on rewards_consents (county_code, village_code);

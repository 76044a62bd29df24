-- 村规民约 caps a machine can check (gift money, banquet days, tables, dishes), per village, with the article.
create table rule_caps (
    county_code  varchar(6)    not null,
    village_code varchar(12)   not null,
    cap_key      varchar(30)   not null,
    cap_limit    numeric(14,2) not null,
    article      varchar(500)  not null,
    updated_at   timestamp     not null,
    primary key (county_code, village_code, cap_key)
);

-- 红白喜事 registered in advance; the caps passed are kept with the registration.
create table banquets (
    county_code        varchar(6)    not null,
    id                 bigint        not null primary key,
    village_code       varchar(12)   not null,
    household_id       bigint        not null,
    kind               varchar(10)   not null,
    host_name          varchar(50)   not null,
    starts_on          date          not null,
    days               int           not null,
    tables_count       int           not null,
    dishes             int           not null,
    cost_per_table     numeric(14,2),
    gift_relative      numeric(14,2),
    gift_other         numeric(14,2),
    note               varchar(500),
    flag_count         int           not null,
    registered_by      bigint        not null,
    registered_by_name varchar(50)   not null,
    registered_at      timestamp     not null
);
create index banquets_village on banquets (county_code, village_code, starts_on);

create table banquet_flags (
    county_code varchar(6)    not null,
    banquet_id  bigint        not null,
    cap_key     varchar(30)   not null,
    cap_limit   numeric(14,2) not null,
    actual      numeric(14,2) not null,
    article     varchar(500)  not null,
    primary key (county_code, banquet_id, cap_key)
);

-- 走访: grid workers, central households and cadres log household visits (建德 走村不漏户, 访户签名回执).
create table case_visits (
    county_code  varchar(6)    not null,
    id           bigint        not null,
    village_code varchar(12)   not null,
    grid_id      bigint,
    household_id bigint        not null,
    visitor_id   bigint,
    visitor_name varchar(50),
    visited_on   date          not null,
    note         varchar(1000),
    signed       boolean       not null default false,
    created_at   timestamp     not null,
    primary key (county_code, id)
);
create index case_visits_village on case_visits (county_code, village_code, visited_on);
create index case_visits_household on case_visits (county_code, household_id, visited_on);

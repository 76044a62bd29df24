-- 津市 passbooks (issue 13): the love passbook of volunteer hours (爱心存折) and the party members' red passbook.
-- Both are append-only: a donation is two entries, a correction a reversing entry.
create table love_passbook (
    county_code  varchar(6)   not null,
    id           bigint       primary key,
    person_id    bigint       not null,
    village_code varchar(12)  not null,
    year_no      int          not null,
    points       bigint       not null,
    kind         varchar(20)  not null,
    reason       varchar(200) not null,
    ref          varchar(100) not null,
    created_by_name varchar(100) not null,
    created_at   timestamp    not null
);
create unique index love_passbook_ref on love_passbook (county_code, ref);
create index love_passbook_person on love_passbook (county_code, person_id, year_no);

create table red_passbook (
    county_code  varchar(6)   not null,
    id           bigint       primary key,
    person_id    bigint       not null,
    village_code varchar(12)  not null,
    year_no      int          not null,
    points       bigint       not null,
    reason       varchar(200) not null,
    created_by_name varchar(100) not null,
    created_at   timestamp    not null
);
create index red_passbook_person on red_passbook (county_code, person_id, year_no);

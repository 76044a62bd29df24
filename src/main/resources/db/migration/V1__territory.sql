-- Territory: national statistical division codes (reference data every county reads) and grids.
create table divisions (
    code        varchar(15)  not null primary key,
    name        varchar(120) not null,
    level       varchar(10)  not null,
    parent_code varchar(15),
    county_code varchar(6)
);
create index divisions_parent on divisions (parent_code, code);

-- 网格: a village is divided into grids; households point at their grid (registry).
create table grids (
    id           bigint       not null primary key,
    county_code  varchar(6)   not null,
    village_code varchar(12)  not null,
    name         varchar(100) not null,
    created_at   timestamp    not null
);
create index grids_village on grids (county_code, village_code);

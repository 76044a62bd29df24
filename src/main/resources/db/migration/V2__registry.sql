-- Registry: households (户) and persons (人), their tags, typed extra fields, and 联户 links.
create table households (
    id           bigint       not null primary key,
    county_code  varchar(6)   not null,
    village_code varchar(12)  not null,
    group_code   varchar(15),
    grid_id      bigint,
    number       varchar(40)  not null,
    address      varchar(200) not null,
    phone        varchar(20),
    tags         varchar(500) not null default '',
    extra        varchar(8000),
    created_at   timestamp    not null
);
create unique index households_number on households (county_code, number);
create index households_village on households (county_code, village_code);
create index households_grid on households (county_code, grid_id);

create table persons (
    id           bigint      not null primary key,
    county_code  varchar(6)  not null,
    household_id bigint      not null,
    village_code varchar(12) not null,
    name         varchar(50) not null,
    initials     varchar(50) not null,
    gender       varchar(1)  not null,
    birth_date   date        not null,
    id_number    varchar(18) not null,
    id_last4     varchar(4)  not null,
    phone        varchar(20),
    relation     varchar(20) not null,
    tags         varchar(500) not null default '',
    created_at   timestamp   not null
);
create unique index persons_id_number on persons (county_code, id_number);
create index persons_household on persons (county_code, household_id);
create index persons_village on persons (county_code, village_code);
create index persons_initials on persons (county_code, initials);
create index persons_last4 on persons (county_code, id_last4);
create index persons_name on persons (county_code, name);

-- Typed extra household facts a county defines (琼中: 13 categories / 45 items).
create table household_fields (
    county_code varchar(6)   not null,
    field_key   varchar(40)  not null,
    category    varchar(40)  not null,
    label       varchar(80)  not null,
    field_type  varchar(10)  not null,
    options     varchar(500),
    position    int          not null,
    primary key (county_code, field_key)
);

-- 联户: a party-member central household (党员中心户) links 5-15 households; a household has one link.
create table household_links (
    county_code  varchar(6) not null,
    household_id bigint     not null,
    center_id    bigint     not null,
    primary key (county_code, household_id)
);
create index household_links_center on household_links (county_code, center_id);

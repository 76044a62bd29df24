-- Disclosure: public notices (公示) any module publishes; items a villager may object to; objections and answers.
create table notices (
    county_code     varchar(6)    not null,
    id              bigint        not null primary key,
    village_code    varchar(12)   not null,
    kind            varchar(30)   not null,
    source_type     varchar(60),
    source_id       varchar(100),
    title           varchar(200)  not null,
    body            varchar(4000),
    window_days     int           not null,
    published_at    timestamp     not null,
    window_end      timestamp     not null,
    status          varchar(10)   not null,
    closed_at       timestamp,
    published_by    bigint,
    published_by_name varchar(50),
    created_at      timestamp     not null
);
create index notices_village on notices (county_code, village_code, published_at);
-- the closing job looks for open notices whose window has passed, across counties
create index notices_due on notices (status, window_end);

create table notice_items (
    county_code varchar(6)   not null,
    notice_id   bigint       not null,
    position    int          not null,
    item_ref    varchar(60)  not null,
    subject     varchar(200) not null,
    content     varchar(500) not null,
    primary key (county_code, notice_id, position)
);
create unique index notice_items_ref on notice_items (county_code, notice_id, item_ref);

create table notice_objections (
    county_code      varchar(6)    not null,
    id               bigint        not null primary key,
    notice_id        bigint        not null,
    item_ref         varchar(60),
    objector_id      bigint        not null,
    objector_name    varchar(50)   not null,
    reason           varchar(1000) not null,
    created_at       timestamp     not null,
    status           varchar(10)   not null,
    answer           varchar(1000),
    answered_by      bigint,
    answered_by_name varchar(50),
    answered_at      timestamp
);
create index notice_objections_notice on notice_objections (county_code, notice_id, status);

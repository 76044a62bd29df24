-- Activities (issue 13, continued): the organiser's hour list (published to the volunteers, corrected, then final),
-- check-in photos kept in the database, and the love passbook's balance row that guards a withdrawal in the UPDATE.
create table activity_hour_lists (
    county_code  varchar(6)   not null,
    activity_id  bigint       not null,
    village_code varchar(12)  not null,
    notice_id    bigint,
    status       varchar(20)  not null,
    published_at timestamp    not null,
    final_at     timestamp,
    primary key (county_code, activity_id)
);

create table activity_hours (
    county_code     varchar(6)   not null,
    activity_id     bigint       not null,
    person_id       bigint       not null,
    person_name     varchar(50)  not null,
    village_code    varchar(12)  not null,
    hours           int          not null,
    listed_hours    int          not null,
    corrected_reason varchar(200),
    corrected_by_name varchar(100),
    corrected_at    timestamp,
    primary key (county_code, activity_id, person_id),
    constraint activity_hours_range check (hours >= 0 and hours <= 24)
);

create table activity_checkin_photos (
    county_code  varchar(6)   not null,
    checkin_id   bigint       primary key,
    activity_id  bigint       not null,
    person_id    bigint       not null,
    content_type varchar(50)  not null,
    size_bytes   int          not null,
    data         bytea        not null,
    created_at   timestamp    not null
);
create index activity_checkin_photos_activity on activity_checkin_photos (county_code, activity_id);

-- The current balance of a person's love passbook: every entry also moves this row; a donation or redemption takes
-- points with "update ... set balance = balance - :p where balance >= :p" (safe against simultaneous withdrawals).
create table love_passbook_balances (
    county_code varchar(6) not null,
    person_id   bigint     not null,
    balance     bigint     not null,
    primary key (county_code, person_id),
    constraint love_passbook_balance_not_negative check (balance >= 0)
);
insert into love_passbook_balances (county_code, person_id, balance)
    select county_code, person_id, sum(points) from love_passbook group by county_code, person_id having sum(points) >= 0;

-- Activities and volunteering (issue 13): activities, sign-ups with a waiting list, QR check-ins, confirmed attendance.
create table activities (
    county_code     varchar(6)   not null,
    id              bigint       primary key,
    village_code    varchar(12)  not null,
    organiser_kind  varchar(20)  not null,
    organiser_name  varchar(100) not null,
    kind            varchar(20)  not null,
    title           varchar(100) not null,
    place           varchar(200) not null,
    starts_at       timestamp    not null,
    ends_at         timestamp    not null,
    places          int          not null,
    taken           int          not null default 0,
    hours           int          not null,
    checkin_token   varchar(64)  not null,
    status          varchar(20)  not null,
    created_by      bigint       not null,
    created_by_name varchar(100) not null,
    created_at      timestamp    not null,
    confirmed_at    timestamp,
    constraint activities_taken check (taken >= 0 and taken <= places)
);
create index activities_village on activities (county_code, village_code, starts_at);
create unique index activities_token on activities (checkin_token);

create table activity_signups (
    county_code  varchar(6)  not null,
    id           bigint      primary key,
    activity_id  bigint      not null,
    person_id    bigint      not null,
    household_id bigint      not null,
    person_name  varchar(50) not null,
    status       varchar(20) not null,
    signed_at    timestamp   not null,
    changed_at   timestamp   not null
);
create unique index activity_signups_person on activity_signups (county_code, activity_id, person_id);
create index activity_signups_queue on activity_signups (county_code, activity_id, status, signed_at);

create table activity_checkins (
    county_code  varchar(6)   not null,
    id           bigint       primary key,
    activity_id  bigint       not null,
    person_id    bigint       not null,
    household_id bigint       not null,
    photo_ref    varchar(100),
    checked_at   timestamp    not null
);
create unique index activity_checkins_once on activity_checkins (county_code, activity_id, person_id);

create table activity_attendance (
    county_code  varchar(6)   not null,
    activity_id  bigint       not null,
    person_id    bigint       not null,
    household_id bigint       not null,
    village_code varchar(12)  not null,
    hours        int          not null,
    confirmed_by_name varchar(100) not null,
    confirmed_at timestamp    not null,
    primary key (county_code, activity_id, person_id)
);

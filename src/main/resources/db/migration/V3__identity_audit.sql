-- Identity: accounts with one role and one scope (a node of the territory, a grid or households).
create table accounts (
    id            bigint       not null primary key,
    county_code   varchar(6)   not null,
    username      varchar(50)  not null,
    phone         varchar(20),
    display_name  varchar(50)  not null,
    password_hash varchar(200) not null,
    role          varchar(30)  not null,
    scope_code    varchar(15)  not null,
    grid_id       bigint,
    household_id  bigint,
    department    varchar(50),
    failed_logins int          not null default 0,
    locked_until  timestamp,
    enabled       boolean      not null default true,
    created_at    timestamp    not null
);
create unique index accounts_username on accounts (username);
create unique index accounts_phone on accounts (phone);
create index accounts_scope on accounts (county_code, scope_code);

create table api_tokens (
    id          bigint      not null primary key,
    county_code varchar(6)  not null,
    account_id  bigint      not null,
    token_hash  varchar(64) not null,
    expires_at  timestamp   not null,
    revoked_at  timestamp,
    created_at  timestamp   not null
);
create unique index api_tokens_hash on api_tokens (token_hash);

create table sms_codes (
    phone      varchar(20) not null primary key,
    code_hash  varchar(64) not null,
    expires_at timestamp   not null,
    attempts   int         not null default 0
);

-- Audit: append-only, hash-chained per county (an edited or deleted entry breaks the chain).
create table audit_entries (
    id                bigint        not null primary key,
    county_code       varchar(6)    not null,
    seq               bigint        not null,
    at                timestamp     not null,
    actor_id          bigint,
    actor_name        varchar(50),
    action            varchar(60)   not null,
    entity_type       varchar(40),
    entity_id         varchar(100),
    subject_person_id bigint,
    before_value      varchar(4000),
    after_value       varchar(4000),
    prev_hash         varchar(64)   not null,
    hash              varchar(64)   not null
);
create unique index audit_entries_seq on audit_entries (county_code, seq);
create index audit_entries_person on audit_entries (county_code, subject_person_id, at);
create index audit_entries_actor on audit_entries (county_code, actor_id, at);
create index audit_entries_at on audit_entries (county_code, at);

create table audit_heads (
    county_code varchar(6)  not null primary key,
    seq         bigint      not null,
    hash        varchar(64) not null
);

-- Spring Session JDBC: console sessions live in the database so several app nodes can serve.
create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id) on delete cascade
);

-- Idempotency-Key replay store: a retried write returns the first answer and changes nothing.
create table idempotency_keys (
    county_code  varchar(6)    not null,
    account_id   bigint        not null,
    idem_key     varchar(100)  not null,
    request_hash varchar(64)   not null,
    status       int           not null,
    content_type varchar(100),
    body         varchar(65000),
    created_at   timestamp     not null,
    primary key (county_code, account_id, idem_key)
);
create index idempotency_keys_created on idempotency_keys (created_at);

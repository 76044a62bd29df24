-- Photos declared with a score event (自荐 with evidence), kept in the database so every app node serves them.
-- Served only to whoever may read the event; the event's evidence_refs lists them as "photo:<id>".
create table points_event_photos (
    county_code  varchar(6)  not null,
    id           bigint      not null,
    event_id     bigint      not null,
    position     int         not null,
    content_type varchar(20) not null,
    size_bytes   int         not null,
    data         bytea       not null,
    created_at   timestamp   not null,
    primary key (county_code, id)
);
create index points_event_photos_event on points_event_photos (county_code, event_id);

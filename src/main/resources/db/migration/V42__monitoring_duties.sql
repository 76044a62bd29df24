-- Cadre duty lists and points (昌江 乡村履职清单制): the county's lists, a village's selection and weights with
-- a responsible cadre, monthly self-scores reviewed by the branch meeting, quarterly publication.
create table monitoring_duty_items (
    county_code      varchar(6)    not null,
    id               bigint        not null primary key,
    list_type        varchar(20)   not null,
    indicator        varchar(200)  not null,
    sub_item         varchar(300)  not null,
    steps            varchar(2000) not null,
    responsible_role varchar(50)   not null,
    points           int           not null,
    created_at       timestamp     not null
);
create index monitoring_duty_items_type on monitoring_duty_items (county_code, list_type);

create table monitoring_village_duties (
    county_code      varchar(6)   not null,
    id               bigint       not null primary key,
    village_code     varchar(12)  not null,
    item_id          bigint       not null,
    weight_percent   int          not null,
    points           int          not null,
    cadre_account_id bigint       not null,
    cadre_name       varchar(100) not null,
    selected_at      timestamp    not null
);
create unique index monitoring_village_duties_item on monitoring_village_duties (county_code, village_code, item_id);

create table monitoring_duty_scores (
    county_code      varchar(6)   not null,
    id               bigint       not null primary key,
    village_code     varchar(12)  not null,
    score_month      varchar(7)   not null,
    duty_id          bigint       not null,
    cadre_account_id bigint       not null,
    self_points      int          not null,
    note             varchar(500),
    scored_at        timestamp    not null,
    reviewed_points  int,
    review_note      varchar(500),
    reviewed_by      varchar(100),
    reviewed_at      timestamp
);
create unique index monitoring_duty_scores_month on monitoring_duty_scores (county_code, duty_id, score_month);
create index monitoring_duty_scores_village on monitoring_duty_scores (county_code, village_code, score_month);

create table monitoring_duty_publications (
    county_code  varchar(6)   not null,
    village_code varchar(12)  not null,
    pub_year     int          not null,
    pub_quarter  int          not null,
    published_by varchar(100) not null,
    published_at timestamp    not null,
    primary key (county_code, village_code, pub_year, pub_quarter)
);

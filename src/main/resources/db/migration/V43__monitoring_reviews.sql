-- Look-back reviews (郾城 回头看): assessment templates (五查 sections, elements, items: configured data), review
-- campaigns per term, assessments by stage with the 4 grades, the district's sample, problems, rectification
-- (一村一策), cadre record books and branch star ratings (五星支部).
create table monitoring_assessment_templates (
    county_code varchar(6)   not null,
    id          bigint       not null primary key,
    title       varchar(200) not null,
    created_by  varchar(100) not null,
    created_at  timestamp    not null
);

create table monitoring_assessment_items (
    county_code varchar(6)   not null,
    id          bigint       not null primary key,
    template_id bigint       not null,
    section     varchar(20)  not null,
    element     varchar(200) not null,
    item        varchar(500) not null,
    position    int          not null
);
create index monitoring_assessment_items_template on monitoring_assessment_items (county_code, template_id, position);

create table monitoring_reviews (
    county_code varchar(6)   not null,
    id          bigint       not null primary key,
    template_id bigint       not null,
    title       varchar(200) not null,
    term_start  int          not null,
    term_end    int          not null,
    sample_size int          not null,
    created_by  varchar(100) not null,
    created_at  timestamp    not null
);

create table monitoring_assessments (
    county_code  varchar(6)   not null,
    id           bigint       not null primary key,
    review_id    bigint       not null,
    village_code varchar(12)  not null,
    stage        varchar(10)  not null,
    subject      varchar(50)  not null,
    overall      varchar(4)   not null,
    note         varchar(1000),
    assessed_by  varchar(100) not null,
    assessed_at  timestamp    not null
);
create unique index monitoring_assessments_subject on monitoring_assessments (county_code, review_id, village_code, stage, subject);

create table monitoring_assessment_grades (
    county_code   varchar(6) not null,
    assessment_id bigint     not null,
    item_id       bigint     not null,
    grade         varchar(4) not null,
    primary key (county_code, assessment_id, item_id)
);

create table monitoring_review_samples (
    county_code  varchar(6)  not null,
    review_id    bigint      not null,
    village_code varchar(12) not null,
    position     int         not null,
    primary key (county_code, review_id, village_code)
);

create table monitoring_review_problems (
    county_code  varchar(6)    not null,
    id           bigint        not null primary key,
    review_id    bigint        not null,
    village_code varchar(12),
    kind         varchar(10)   not null,
    description  varchar(1000) not null,
    found_stage  varchar(10)   not null,
    created_at   timestamp     not null
);
create index monitoring_review_problems_review on monitoring_review_problems (county_code, review_id);

create table monitoring_rectifications (
    county_code  varchar(6)    not null,
    id           bigint        not null primary key,
    review_id    bigint        not null,
    village_code varchar(12)   not null,
    problem_id   bigint,
    measure      varchar(1000) not null,
    deadline     date          not null,
    status       varchar(10)   not null,
    closing_note varchar(1000),
    closed_by    varchar(100),
    closed_at    timestamp,
    created_at   timestamp     not null
);
create index monitoring_rectifications_village on monitoring_rectifications (county_code, review_id, village_code);

-- 红/黑/蓝 record books of cadres (red: commendable, black: misconduct, blue: routine); talks and changes too.
create table monitoring_cadre_records (
    county_code  varchar(6)    not null,
    id           bigint        not null primary key,
    village_code varchar(12)   not null,
    cadre_name   varchar(100)  not null,
    book         varchar(10)   not null,
    kind         varchar(10)   not null,
    description  varchar(1000) not null,
    review_id    bigint,
    recorded_by  varchar(100)  not null,
    recorded_at  timestamp     not null
);
create index monitoring_cadre_records_village on monitoring_cadre_records (county_code, village_code, recorded_at);

create table monitoring_branch_stars (
    county_code  varchar(6)   not null,
    village_code varchar(12)  not null,
    star_year    int          not null,
    stars        int          not null,
    target_stars int,
    weak_lax     boolean      not null,
    note         varchar(1000),
    rated_by     varchar(100) not null,
    rated_at     timestamp    not null,
    primary key (county_code, village_code, star_year)
);

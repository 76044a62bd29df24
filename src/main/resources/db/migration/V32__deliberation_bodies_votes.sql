-- Bodies that vote: villagers' assembly, representative assembly, councils (议事会, 理事会, 红白理事会 ...).
-- Quorum and majority are fractions kept per body; a vote copies them when it opens.
create table deliberative_bodies (
    county_code         varchar(6)   not null,
    id                  bigint       not null primary key,
    village_code        varchar(12)  not null,
    kind                varchar(30)  not null,
    name                varchar(100) not null,
    min_size            int,
    max_size            int,
    term_start          date         not null,
    term_end            date         not null,
    quorum_num          int          not null,
    quorum_den          int          not null,
    majority_num        int          not null,
    majority_den        int          not null,
    majority_of_members boolean      not null,
    majority_strict     boolean      not null,
    created_at          timestamp    not null
);
create index deliberative_bodies_village on deliberative_bodies (county_code, village_code);

create table body_members (
    county_code varchar(6)  not null,
    id          bigint      not null primary key,
    body_id     bigint      not null,
    name        varchar(50) not null,
    account_id  bigint,
    person_id   bigint,
    position    varchar(30),
    joined_on   date        not null,
    left_on     date
);
create index body_members_body on body_members (county_code, body_id);
create index body_members_account on body_members (county_code, account_id);

-- Counts are kept on the vote; for a secret vote the choice goes only into the counts, never next to a name.
create table votes (
    county_code         varchar(6)   not null,
    id                  bigint       not null primary key,
    body_id             bigint       not null,
    village_code        varchar(12)  not null,
    matter_id           bigint,
    motion              varchar(500) not null,
    secret              boolean      not null,
    state               varchar(10)  not null,
    members             int          not null,
    quorum_num          int          not null,
    quorum_den          int          not null,
    majority_num        int          not null,
    majority_den        int          not null,
    majority_of_members boolean      not null,
    majority_strict     boolean      not null,
    for_count           int          not null,
    against_count       int          not null,
    abstain_count       int          not null,
    paper_for           int          not null,
    paper_against       int          not null,
    paper_abstain       int          not null,
    outcome             varchar(20),
    opened_at           timestamp    not null,
    opened_by           bigint       not null,
    closed_at           timestamp,
    published_at        timestamp,
    notice_ref          varchar(100)
);
create index votes_village on votes (county_code, village_code, opened_at);

-- The electorate, fixed when the vote opens; voted_at guards one ballot per member.
create table vote_electors (
    county_code varchar(6)  not null,
    vote_id     bigint      not null,
    member_id   bigint      not null,
    account_id  bigint,
    name        varchar(50) not null,
    voted_at    timestamp,
    choice      varchar(10),
    primary key (county_code, vote_id, member_id)
);
create index vote_electors_account on vote_electors (county_code, vote_id, account_id);

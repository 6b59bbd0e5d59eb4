-- End-of-session evaluations and the learner's stored CEFR level. Portable SQL: runs on
-- PostgreSQL and on H2 in MODE=PostgreSQL; lists are JSON arrays in text columns.

create table learner_profiles (
  learner_id varchar(64) primary key,
  level      varchar(2)  not null, -- A1 .. C2
  updated_at timestamp with time zone not null
);

create table evaluations (
  session_id          varchar(36)  primary key references sessions (id) on delete cascade,
  owner               varchar(64)  not null,
  -- What was evaluated, as it was then: the history and the level adaptation read these.
  character_id        varchar(128) not null,
  level               varchar(2)   not null,
  session_finished_at timestamp with time zone not null,
  status              varchar(16)  not null, -- pending, completed, failed, skipped
  score               integer,
  justification       text,
  strengths           text, -- JSON array of strings
  improvements        text, -- JSON array of strings
  debrief             text,
  error_code          varchar(64),
  error_message       text,
  provider            varchar(64),
  model               varchar(200),
  created_at          timestamp with time zone not null,
  completed_at        timestamp with time zone
);

create index evaluations_owner_finished on evaluations (owner, session_finished_at);
create index evaluations_owner_level_completed on evaluations (owner, level, completed_at);

-- Sessions and their turns. Portable SQL: runs on PostgreSQL and on H2 in MODE=PostgreSQL.

create table sessions (
  id                 varchar(36)  primary key,
  owner              varchar(64)  not null,
  character_id       varchar(128) not null,
  mode               varchar(32)  not null,
  level              varchar(2)   not null,
  native_language    varchar(35),
  target_language    varchar(35)  not null,
  status             varchar(16)  not null, -- active, finished
  -- Rolling summary of the turns numbered up to summarized_through (null: nothing summarized yet).
  summary            text,
  summarized_through integer,
  created_at         timestamp with time zone not null,
  updated_at         timestamp with time zone not null,
  finished_at        timestamp with time zone
);

create index sessions_owner_created on sessions (owner, created_at);
create index sessions_status_updated on sessions (status, updated_at);

create table turns (
  id                 varchar(36) primary key,
  session_id         varchar(36) not null references sessions (id) on delete cascade,
  number             integer     not null,
  -- Null for the character's opening line (turn 0).
  user_text          text,
  reply_text         text        not null,
  status             varchar(16) not null, -- completed, interrupted, failed
  started_at         timestamp with time zone not null,
  llm_first_token_ms integer,
  llm_total_ms       integer,
  prompt_tokens      integer,
  completion_tokens  integer,
  tokens_per_second  double precision,
  provider           varchar(64),
  model              varchar(200),
  created_at         timestamp with time zone not null,
  constraint turns_session_number unique (session_id, number)
);

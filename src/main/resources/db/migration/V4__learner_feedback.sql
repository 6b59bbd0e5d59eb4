-- Grammar feedback on the learner's utterances, the words they use, and the mistakes they
-- practise again by spaced repetition. Portable SQL: PostgreSQL and H2 in MODE=PostgreSQL.

-- One row per utterance the grammar checker read, with or without mistakes: the denominator of
-- "mistakes per utterance" and the turns the feedback endpoint lists.
create table checked_utterances (
  id          varchar(36) primary key,
  owner       varchar(64) not null,
  session_id  varchar(36) not null references sessions (id) on delete cascade,
  turn_number integer     not null,
  language    varchar(35) not null,
  utterance   text        not null,
  spoken      boolean     not null,
  checked_at  timestamp with time zone not null,
  constraint checked_utterances_turn unique (session_id, turn_number)
);

create index checked_utterances_owner_checked on checked_utterances (owner, checked_at);

create table corrections (
  id           varchar(36) primary key,
  utterance_id varchar(36) not null references checked_utterances (id) on delete cascade,
  owner        varchar(64) not null,
  session_id   varchar(36) not null,
  turn_number  integer     not null,
  language     varchar(35) not null,
  -- Offsets of original in utterance.
  start_offset integer     not null,
  end_offset   integer     not null,
  category     varchar(32) not null, -- MistakeCategory.wireName()
  original     text        not null,
  suggestion   text        not null,
  explanation  text,
  source       varchar(8)  not null, -- rules, llm
  rule_id      varchar(200),
  utterance    text        not null,
  created_at   timestamp with time zone not null
);

create index corrections_owner_created on corrections (owner, created_at);
create index corrections_utterance on corrections (utterance_id);

-- How often each learner used each word, per language.
create table learner_words (
  owner         varchar(64)  not null,
  language      varchar(35)  not null,
  word          varchar(100) not null,
  uses          integer      not null,
  first_used_at timestamp with time zone not null,
  last_used_at  timestamp with time zone not null,
  constraint learner_words_key primary key (owner, language, word)
);

create index learner_words_owner_first_used on learner_words (owner, first_used_at);

-- One exercise per distinct mistake, scheduled by SM-2.
create table review_items (
  id            varchar(36) primary key,
  owner         varchar(64) not null,
  language      varchar(35) not null,
  category      varchar(32) not null,
  -- SHA-256 (hex) of the normalized original and suggestion: one item per distinct mistake.
  mistake_key   varchar(64) not null,
  original      text        not null,
  suggestion    text        not null,
  explanation   text,
  -- The learner's sentence, where original sits at [mistake_start, mistake_end), and the
  -- sentence with the suggestion applied.
  sentence      text        not null,
  mistake_start integer     not null,
  mistake_end   integer     not null,
  corrected     text        not null,
  repetitions   integer     not null,
  interval_days integer     not null,
  ease_factor   double precision not null,
  due_at        timestamp with time zone not null,
  created_at    timestamp with time zone not null,
  reviewed_at   timestamp with time zone,
  constraint review_items_mistake unique (owner, language, category, mistake_key)
);

create index review_items_owner_due on review_items (owner, due_at);

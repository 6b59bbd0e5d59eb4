-- Characters learners create over the API or generate with the LLM. Built-in characters live in
-- src/main/resources/characters/*.md and are never stored here. Portable between PostgreSQL and
-- H2 in PostgreSQL mode: JSON is kept in text columns rather than arrays or jsonb.
create table custom_character (
    id              varchar(100)             not null primary key,
    owner           varchar(64)              not null,
    title           varchar(120)             not null,
    character_name  varchar(80)              not null,
    gender          varchar(16)              not null,
    voice           varchar(80),
    language        varchar(35)              not null,
    persona         text                     not null,
    -- JSON object from CEFR level ("A1".."C2") to that level's extra instructions
    level_personas  text                     not null,
    opening_line    varchar(500)             not null,
    hint_prompt     text,
    goal            varchar(500),
    rubric          text,
    -- JSON array of tags
    tags            text                     not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);

create index custom_character_owner_idx on custom_character (owner, created_at);

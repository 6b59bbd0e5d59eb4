-- Voice turns: latency of each pipeline stage in ms from the end of the learner's speech (from the
-- message's arrival for typed turns), and which engines listened and spoke. Null when the stage
-- did not happen. Portable SQL: runs on PostgreSQL and on H2 in MODE=PostgreSQL.

alter table turns add column stt_final_ms integer;
alter table turns add column llm_first_token_voice_ms integer;
alter table turns add column first_sentence_ms integer;
alter table turns add column tts_first_byte_ms integer;
alter table turns add column first_audio_sent_ms integer;
alter table turns add column stt_provider varchar(64);
alter table turns add column stt_model varchar(200);
alter table turns add column tts_provider varchar(64);
alter table turns add column tts_model varchar(200);

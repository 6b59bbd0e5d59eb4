package dev.parley.character;

import dev.parley.learner.Learner;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Learners' own characters. Every query is scoped to the owner. */
@Repository
class CustomCharacterRepository {

  private static final String COLUMNS =
      "id, owner, title, character_name, gender, voice, language, persona, level_personas,"
          + " opening_line, hint_prompt, goal, rubric, tags, updated_at";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  CustomCharacterRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  Optional<CharacterDefinition> find(String id, Learner owner) {
    return jdbc.sql(
            "select " + COLUMNS + " from custom_character where id = :id and owner = :owner")
        .param("id", id)
        .param("owner", owner.id())
        .query(this::map)
        .optional();
  }

  List<CharacterDefinition> list(Learner owner) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from custom_character where owner = :owner"
                + " order by created_at, id")
        .param("owner", owner.id())
        .query(this::map)
        .list();
  }

  void insert(CharacterDefinition character) {
    var now = utc(character.updatedAt());
    jdbc.sql(
            """
            insert into custom_character (id, owner, title, character_name, gender, voice,
              language, persona, level_personas, opening_line, hint_prompt, goal, rubric, tags,
              created_at, updated_at)
            values (:id, :owner, :title, :characterName, :gender, :voice, :language, :persona,
              :levelPersonas, :openingLine, :hintPrompt, :goal, :rubric, :tags, :now, :now)
            """)
        .params(columns(character))
        .param("now", now)
        .update();
  }

  /** Returns false when the learner owns no character with this id. */
  boolean update(CharacterDefinition character) {
    return jdbc.sql(
                """
                update custom_character set title = :title, character_name = :characterName,
                  gender = :gender, voice = :voice, language = :language, persona = :persona,
                  level_personas = :levelPersonas, opening_line = :openingLine,
                  hint_prompt = :hintPrompt, goal = :goal, rubric = :rubric, tags = :tags,
                  updated_at = :now
                where id = :id and owner = :owner
                """)
            .params(columns(character))
            .param("now", utc(character.updatedAt()))
            .update()
        == 1;
  }

  /** Returns false when the learner owns no character with this id. */
  boolean delete(String id, Learner owner) {
    return jdbc.sql("delete from custom_character where id = :id and owner = :owner")
            .param("id", id)
            .param("owner", owner.id())
            .update()
        == 1;
  }

  private Map<String, Object> columns(CharacterDefinition c) {
    var levels = new LinkedHashMap<String, String>();
    c.levelPersonas().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> levels.put(e.getKey().name(), e.getValue()));
    var columns = new LinkedHashMap<String, Object>();
    columns.put("id", c.id());
    columns.put("owner", c.owner());
    columns.put("title", c.title());
    columns.put("characterName", c.characterName());
    columns.put("gender", c.gender().name());
    columns.put("voice", c.voice());
    columns.put("language", c.language());
    columns.put("persona", c.persona());
    columns.put("levelPersonas", json.writeValueAsString(levels));
    columns.put("openingLine", c.openingLine());
    columns.put("hintPrompt", c.hintPrompt());
    columns.put("goal", c.goal());
    columns.put("rubric", c.rubric());
    columns.put("tags", json.writeValueAsString(c.tags()));
    return columns;
  }

  private CharacterDefinition map(ResultSet rs, int row) throws SQLException {
    var levels = new EnumMap<CefrLevel, String>(CefrLevel.class);
    json.readValue(rs.getString("level_personas"), new TypeReference<Map<String, String>>() {})
        .forEach((level, text) -> levels.put(CefrLevel.parse(level), text));
    return new CharacterDefinition(
        rs.getString("id"),
        rs.getString("title"),
        rs.getString("character_name"),
        Gender.valueOf(rs.getString("gender")),
        rs.getString("voice"),
        rs.getString("language"),
        rs.getString("persona"),
        levels,
        rs.getString("opening_line"),
        rs.getString("hint_prompt"),
        rs.getString("goal"),
        rs.getString("rubric"),
        json.readValue(rs.getString("tags"), new TypeReference<List<String>>() {}),
        true,
        rs.getString("owner"),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }

  // PostgreSQL's driver binds OffsetDateTime but not Instant.
  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}

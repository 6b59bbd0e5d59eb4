package dev.parley.character;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Parses a built-in character file: YAML front matter between {@code ---} lines, then Markdown
 * sections {@code ## Persona}, {@code ## Level A1} … {@code ## Level C2}, {@code ## Hints} and
 * {@code ## Rubric}. The format is documented in {@code docs/characters.md}. Anything unexpected
 * (an unknown key or section, a missing field, a value over its length limit) is an error, because
 * a typo in a prompt file would otherwise silently change how a character behaves.
 */
final class CharacterFile {

  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

  /** Reserved for characters created over the API, so built-in and custom ids never collide. */
  static final String CUSTOM_PREFIX = "custom-";

  private static final Set<String> KEYS =
      Set.of("id", "title", "name", "gender", "voice", "language", "tags", "goal", "opening");
  private static final Pattern SECTION = Pattern.compile("^##[ \\t]+(.+?)[ \\t]*$");
  private static final Pattern LEVEL_SECTION = Pattern.compile("(?i)level[ \\t]+([A-Za-z][0-9])");

  /** Where each draft field lives in a file, so errors point at what the author wrote. */
  private static final Map<String, String> FILE_NAMES =
      Map.of(
          "characterName", "front matter 'name'",
          "openingLine", "front matter 'opening'",
          "persona", "section '## Persona'",
          "hintPrompt", "section '## Hints'",
          "rubric", "section '## Rubric'");

  private CharacterFile() {}

  static CharacterDefinition parse(String fileName, String content) {
    var text = content.replace("\r\n", "\n");
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (!text.startsWith("---\n")) {
      throw new CharacterFileException(
          fileName, "must start with a '---' line opening the front matter");
    }
    int end = text.indexOf("\n---\n", 3);
    if (end < 0) {
      throw new CharacterFileException(fileName, "front matter is not closed by a '---' line");
    }
    var frontMatter = frontMatter(fileName, text.substring(4, end + 1));
    var sections = sections(fileName, text.substring(end + 5));

    var id = string(fileName, frontMatter, "id");
    if (id == null) {
      throw new CharacterFileException(fileName, "front matter 'id' is required");
    }
    if (!ID.matcher(id).matches()) {
      throw new CharacterFileException(
          fileName, "id '" + id + "' must be 2-63 lowercase letters, digits or '-'");
    }
    if (id.startsWith(CUSTOM_PREFIX)) {
      throw new CharacterFileException(
          fileName, "id '" + id + "' must not start with '" + CUSTOM_PREFIX + "' (reserved)");
    }
    var baseName = fileName.substring(fileName.lastIndexOf('/') + 1);
    if (!baseName.equals(id + ".md")) {
      throw new CharacterFileException(
          fileName, "id '" + id + "' must match the file name (" + id + ".md)");
    }

    var levels = new LinkedHashMap<String, String>();
    sections.forEach(
        (name, body) -> {
          var level = LEVEL_SECTION.matcher(name);
          if (level.matches()) {
            levels.put(level.group(1).toUpperCase(Locale.ROOT), body);
          }
        });
    var draft =
        new CharacterDraft(
            string(fileName, frontMatter, "title"),
            string(fileName, frontMatter, "name"),
            string(fileName, frontMatter, "gender"),
            string(fileName, frontMatter, "voice"),
            string(fileName, frontMatter, "language"),
            sections.get("persona"),
            levels,
            string(fileName, frontMatter, "opening"),
            sections.get("hints"),
            string(fileName, frontMatter, "goal"),
            sections.get("rubric"),
            tags(fileName, frontMatter));
    var errors = draft.validate();
    if (!errors.isEmpty()) {
      throw new CharacterFileException(
          fileName,
          errors.entrySet().stream()
              .map(e -> where(e.getKey()) + " " + e.getValue())
              .collect(Collectors.joining("; ")));
    }
    return draft.toDefinition(id, false, null, null);
  }

  private static String where(String field) {
    if (field.startsWith("levelPersonas.")) {
      return "section '## Level " + field.substring("levelPersonas.".length()) + "'";
    }
    return FILE_NAMES.getOrDefault(field, "front matter '" + field + "'");
  }

  private static Map<String, Object> frontMatter(String fileName, String yamlText) {
    Object loaded;
    try {
      loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
    } catch (YAMLException e) {
      throw new CharacterFileException(
          fileName, "front matter is not valid YAML: " + e.getMessage(), e);
    }
    if (!(loaded instanceof Map<?, ?> map)) {
      throw new CharacterFileException(
          fileName, "front matter must be a YAML mapping of keys to values");
    }
    var result = new LinkedHashMap<String, Object>();
    map.forEach(
        (key, value) -> {
          var name = String.valueOf(key);
          if (!KEYS.contains(name)) {
            throw new CharacterFileException(
                fileName,
                "unknown front matter key '"
                    + name
                    + "'; allowed: "
                    + String.join(", ", sortedKeys()));
          }
          result.put(name, value);
        });
    return result;
  }

  private static List<String> sortedKeys() {
    return KEYS.stream().sorted().toList();
  }

  private static String string(String fileName, Map<String, Object> frontMatter, String key) {
    var value = frontMatter.get(key);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    // YAML 1.1 reads `no` as false and `1.0` as a number: insist on text rather than guess.
    throw new CharacterFileException(
        fileName, "front matter '" + key + "' must be text; put the value in quotes");
  }

  private static List<String> tags(String fileName, Map<String, Object> frontMatter) {
    var value = frontMatter.get("tags");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
      throw new CharacterFileException(
          fileName, "front matter 'tags' must be a list of text, e.g. [food, everyday]");
    }
    return list.stream().map(String.class::cast).toList();
  }

  /** Section name (lowercase, single-spaced) to its text. */
  private static Map<String, String> sections(String fileName, String body) {
    var sections = new LinkedHashMap<String, String>();
    String current = null;
    var text = new StringBuilder();
    var lines = new ArrayList<>(body.lines().toList());
    lines.add("## "); // flushes the last section
    for (int i = 0; i < lines.size(); i++) {
      var line = lines.get(i);
      var heading = SECTION.matcher(line);
      if (!heading.matches() && i < lines.size() - 1) {
        if (current == null && !line.isBlank()) {
          throw new CharacterFileException(
              fileName, "text before the first '## ' section: '" + abbreviate(line) + "'");
        }
        text.append(line).append('\n');
        continue;
      }
      if (current != null) {
        sections.put(current, text.toString().strip());
      }
      text.setLength(0);
      if (i == lines.size() - 1) {
        break;
      }
      current = sectionKey(fileName, heading.group(1));
      if (sections.containsKey(current)) {
        throw new CharacterFileException(
            fileName, "section '## " + heading.group(1) + "' appears twice");
      }
    }
    return sections;
  }

  private static String sectionKey(String fileName, String heading) {
    var level = LEVEL_SECTION.matcher(heading);
    if (level.matches()) {
      var name = level.group(1).toUpperCase(Locale.ROOT);
      if (CharacterDraft.parseLevel(name) == null) {
        throw new CharacterFileException(
            fileName,
            "section '## " + heading + "' is not a CEFR level: use A1, A2, B1, B2, C1 or C2");
      }
      return "level " + name;
    }
    var key = heading.toLowerCase(Locale.ROOT);
    if (!Set.of("persona", "hints", "rubric").contains(key)) {
      throw new CharacterFileException(
          fileName,
          "unknown section '## "
              + heading
              + "'; allowed: Persona, Level A1 … Level C2, Hints, Rubric");
    }
    return key;
  }

  private static String abbreviate(String line) {
    return line.length() > 40 ? line.substring(0, 40) + "…" : line;
  }
}

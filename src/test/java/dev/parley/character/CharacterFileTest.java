package dev.parley.character;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CharacterFileTest {

  private static final String VALID =
      """
      ---
      id: test-char
      title: A test
      name: Ana
      gender: female
      voice: es-ES-female-1
      language: es-ES
      tags: [food, everyday]
      goal: Order a coffee.
      opening: "¡Hola! ¿Qué te pongo?"
      ---

      ## Persona

      You are Ana.
      ### Not a section
      You run a café.

      ## Level A1

      Speak slowly.

      ## level b2

      Speak naturally.

      ## Hints

      Suggest a phrase.

      ## Rubric

      - Ordering (0-3)
      """;

  @Test
  void everyShippedCharacterParsesWithItsRequiredParts() {
    var characters = BuiltInCharacters.load("classpath*:characters/*.md");

    assertThat(characters).hasSizeGreaterThanOrEqualTo(8);
    assertThat(
            characters.stream().map(c -> c.language().substring(0, 2)).collect(Collectors.toSet()))
        .containsAll(Set.of("en", "es", "fr", "de"));
    for (var c : characters) {
      assertThat(c.title()).as(c.id()).isNotBlank();
      assertThat(c.characterName()).as(c.id()).isNotBlank();
      assertThat(c.gender()).as(c.id()).isNotNull();
      assertThat(c.voice()).as(c.id()).isNotBlank();
      assertThat(c.openingLine()).as(c.id()).isNotBlank();
      assertThat(c.goal()).as(c.id()).isNotBlank();
      assertThat(c.hintPrompt()).as(c.id()).isNotBlank();
      assertThat(c.tags()).as(c.id()).isNotEmpty();
      assertThat(c.custom()).isFalse();
      assertThat(c.owner()).isNull();
      assertThat(c.levelPersonas()).as(c.id()).containsKey(CefrLevel.A1);
      assertThat(c.levelPersonas().keySet())
          .as(c.id())
          .containsAnyOf(CefrLevel.B1, CefrLevel.B2, CefrLevel.C1);
      // The conversation rules every persona must carry, since replies are spoken aloud.
      assertThat(c.persona().toLowerCase(Locale.ROOT))
          .as(c.id())
          .contains("stay in character", "1 to 3 short sentences", "fourth wall");
      // 3 to 5 rubric criteria, one list item each.
      assertThat(c.rubric().lines().filter(l -> l.startsWith("- ")).count())
          .as(c.id())
          .isBetween(3L, 5L);
    }
  }

  @Test
  void parsesFrontMatterAndSections() {
    var c = CharacterFile.parse("characters/test-char.md", VALID);

    assertThat(c.id()).isEqualTo("test-char");
    assertThat(c.title()).isEqualTo("A test");
    assertThat(c.characterName()).isEqualTo("Ana");
    assertThat(c.gender()).isEqualTo(Gender.FEMALE);
    assertThat(c.voice()).isEqualTo("es-ES-female-1");
    assertThat(c.language()).isEqualTo("es-ES");
    assertThat(c.tags()).containsExactly("food", "everyday");
    assertThat(c.goal()).isEqualTo("Order a coffee.");
    assertThat(c.openingLine()).isEqualTo("¡Hola! ¿Qué te pongo?");
    assertThat(c.persona()).isEqualTo("You are Ana.\n### Not a section\nYou run a café.");
    assertThat(c.levelPersonas())
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(CefrLevel.A1, "Speak slowly.", CefrLevel.B2, "Speak naturally."));
    assertThat(c.hintPrompt()).isEqualTo("Suggest a phrase.");
    assertThat(c.rubric()).isEqualTo("- Ordering (0-3)");
  }

  @Test
  void theDocumentedExampleIsAValidFile() throws Exception {
    var doc = Files.readString(Path.of("docs/characters.md"));
    int start = doc.indexOf("```markdown\n") + "```markdown\n".length();
    var example = doc.substring(start, doc.indexOf("\n```\n", start) + 1);

    var c = CharacterFile.parse("characters/bakery-lisbon.md", example);

    assertThat(c.language()).isEqualTo("pt-PT");
    assertThat(c.levelPersonas()).containsOnlyKeys(CefrLevel.A1, CefrLevel.B2, CefrLevel.C1);
    assertThat(c.rubric().lines().filter(l -> l.startsWith("- ")).count()).isEqualTo(4);
  }

  @Test
  void windowsLineEndingsAreAccepted() {
    var c = CharacterFile.parse("characters/test-char.md", VALID.replace("\n", "\r\n"));
    assertThat(c.persona()).startsWith("You are Ana.");
  }

  static Stream<Arguments> brokenFiles() {
    return Stream.of(
        broken("no front matter", "---\n", "#", "must start with a '---' line"),
        broken("unclosed front matter", "\n---\n\n## Persona", "\n", "front matter is not closed"),
        broken(
            "invalid yaml", "title: A test", "title: [unclosed", "front matter is not valid YAML"),
        broken("unknown key", "goal: Order", "gaol: Order", "unknown front matter key 'gaol'"),
        broken("non-text value", "language: es-ES", "language: no", "'language' must be text"),
        broken("tags not a list", "tags: [food, everyday]", "tags: food", "'tags' must be a list"),
        broken("missing id", "id: test-char\n", "", "front matter 'id' is required"),
        broken(
            "id not file name",
            "id: test-char",
            "id: other",
            "must match the file name (other.md)"),
        broken("reserved prefix", "id: test-char", "id: custom-x", "must not start with 'custom-'"),
        broken(
            "bad gender",
            "gender: female",
            "gender: robot",
            "'gender' must be female, male or neutral"),
        broken(
            "bad language",
            "language: es-ES",
            "language: Spanish",
            "must be a BCP 47 language tag"),
        broken("bad tag", "[food, everyday]", "[Food Stuff]", "'Food Stuff' is not a tag"),
        broken("unknown section", "## Hints", "## Hint", "unknown section '## Hint'"),
        broken("bad level", "## Level A1", "## Level D1", "'## Level D1' is not a CEFR level"),
        broken(
            "duplicate section",
            "## level b2",
            "## Level A1",
            "section '## Level A1' appears twice"),
        broken("empty level", "Speak slowly.", "", "section '## Level A1' must not be blank"),
        broken("no persona", "## Persona", "## Rubric", "section '## Rubric' appears twice"),
        broken(
            "empty persona",
            "You are Ana.\n### Not a section\nYou run a café.",
            "",
            "section '## Persona' is required"),
        broken(
            "text before sections",
            "\n## Persona",
            "\nHello\n## Persona",
            "text before the first '## ' section"));
  }

  private static Arguments broken(
      String name, String original, String replacement, String problem) {
    return Arguments.of(name, original, replacement, problem);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void brokenFilesFailWithTheFileNameAndTheProblem(
      String name, String original, String replacement, String problem) {
    var content = VALID.replace(original, replacement);
    assertThat(content).as("test setup for " + name).isNotEqualTo(VALID);
    assertThatThrownBy(() -> CharacterFile.parse("characters/test-char.md", content))
        .isInstanceOf(CharacterFileException.class)
        .hasMessageContaining("characters/test-char.md")
        .hasMessageContaining(problem);
  }

  @Test
  void missingRequiredFieldsAreAllReported() {
    var content =
        VALID.replace("name: Ana\n", "").replace("opening: \"¡Hola! ¿Qué te pongo?\"\n", "");
    assertThatThrownBy(() -> CharacterFile.parse("characters/test-char.md", content))
        .hasMessageContaining("front matter 'name' is required")
        .hasMessageContaining("front matter 'opening' is required");
  }

  @Test
  void overlongPersonaIsRejected() {
    var content = VALID.replace("You are Ana.", "x".repeat(CharacterDraft.MAX_PERSONA + 1));
    assertThatThrownBy(() -> CharacterFile.parse("characters/test-char.md", content))
        .hasMessageContaining("section '## Persona' must be at most 8000 characters");
  }

  @Test
  void aBrokenFileStopsLoadingWithItsName(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("test-char.md"), VALID);
    Files.writeString(
        dir.resolve("broken.md"),
        VALID.replace("id: test-char", "id: broken").replace("gender: female", "gender: x"));

    assertThatThrownBy(() -> BuiltInCharacters.load("file:" + dir + "/*.md"))
        .isInstanceOf(CharacterFileException.class)
        .hasMessageContaining("broken.md")
        .hasMessageContaining("'gender' must be female, male or neutral");
  }

  @Test
  void aDirectoryOfValidFilesLoads(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("test-char.md"), VALID);
    var loaded = new BuiltInCharacters(BuiltInCharacters.load("file:" + dir + "/*.md"));
    assertThat(loaded.find("test-char")).isPresent();
    assertThat(loaded.all()).hasSize(1);
  }
}

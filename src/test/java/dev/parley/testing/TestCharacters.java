package dev.parley.testing;

import dev.parley.character.CefrLevel;
import dev.parley.character.CharacterCatalog;
import dev.parley.character.CharacterDefinition;
import dev.parley.character.Gender;
import dev.parley.learner.Learner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Two in-memory characters for tests of features that need one. Import into a Spring test to make
 * them the application's catalog, or call {@link #catalog()} without Spring. Once the real built-in
 * characters are merged, tests can use those ids instead.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestCharacters {

  /** Spanish barista with level variants and an opening line. */
  public static final String BARISTA = "test-barista";

  /** English-speaking guide with no opening line. */
  public static final String GUIDE = "test-guide";

  public static final CharacterDefinition BARISTA_DEFINITION =
      new CharacterDefinition(
          BARISTA,
          "Coffee in Madrid",
          "Lucía",
          Gender.FEMALE,
          null,
          "es-ES",
          "You are Lucía, a friendly barista in a busy café in Madrid.",
          Map.of(
              CefrLevel.A1, "Use very short sentences and only the present tense.",
              CefrLevel.B2, "Use natural speech with some idioms."),
          "¡Hola! ¿Qué te pongo?",
          null,
          "Order a drink",
          null,
          List.of("food"),
          false,
          null,
          null);

  public static final CharacterDefinition GUIDE_DEFINITION =
      new CharacterDefinition(
          GUIDE,
          "City walk",
          "Sam",
          Gender.NEUTRAL,
          null,
          "en-GB",
          "You are Sam, a tour guide in London.",
          Map.of(),
          null,
          null,
          null,
          null,
          List.of(),
          false,
          null,
          null);

  public static CharacterCatalog catalog() {
    var all = List.of(BARISTA_DEFINITION, GUIDE_DEFINITION);
    return new CharacterCatalog() {
      @Override
      public Optional<CharacterDefinition> find(String id, Learner learner) {
        return all.stream().filter(c -> c.id().equals(id)).findFirst();
      }

      @Override
      public List<CharacterDefinition> list(Learner learner) {
        return all;
      }
    };
  }

  @Bean
  @Primary
  CharacterCatalog testCharacterCatalog() {
    return catalog();
  }
}

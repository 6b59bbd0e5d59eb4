package dev.parley.character;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.learner.Learner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The default install runs on embedded H2 in PostgreSQL mode: the migration and every query must
 * work there too, not only on PostgreSQL.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties =
        "spring.datasource.url=jdbc:h2:mem:characters;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH")
class CustomCharactersOnH2Test {

  @Autowired DefaultCharacterCatalog catalog;

  @Test
  void storesReadsUpdatesAndDeletesOnH2() {
    var ana = new Learner("ana");
    var draft =
        new CharacterDraft(
            "Café in Sevilla",
            "Pepe",
            "male",
            null,
            "es-ES",
            "You are Pepe.",
            Map.of("A1", "Slowly.", "C1", "Fast."),
            "¡Hola!",
            null,
            "Order.",
            null,
            List.of("food"));

    var created = catalog.create(draft, ana);
    var found = catalog.find(created.id(), ana).orElseThrow();
    assertThat(found).isEqualTo(created);
    assertThat(found.personaFor(CefrLevel.B2)).isEqualTo("You are Pepe.\n\nSlowly.");
    assertThat(catalog.find(created.id(), new Learner("bob"))).isEmpty();

    var renamed =
        new CharacterDraft(
            "Bar in Sevilla",
            "Pepe",
            "male",
            "es-ES-male-2",
            "es-ES",
            "You are Pepe.",
            Map.of(),
            "¡Hola!",
            "Hint.",
            null,
            "- Rubric",
            List.of());
    catalog.update(created.id(), renamed, ana);
    var updated = catalog.find(created.id(), ana).orElseThrow();
    assertThat(updated.title()).isEqualTo("Bar in Sevilla");
    assertThat(updated.levelPersonas()).isEmpty();
    assertThat(updated.updatedAt()).isAfterOrEqualTo(created.updatedAt());
    assertThat(catalog.list(ana)).extracting(CharacterDefinition::id).contains(created.id());

    catalog.delete(created.id(), ana);
    assertThat(catalog.find(created.id(), ana)).isEmpty();
  }
}

package dev.parley.character;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CharacterDefinitionTest {

  private static CharacterDefinition withLevels(Map<CefrLevel, String> levels) {
    return new CharacterDefinition(
        "test",
        "Test",
        "Ana",
        Gender.FEMALE,
        null,
        "es-ES",
        "BASE",
        levels,
        "¡Hola!",
        null,
        null,
        null,
        null,
        false,
        null,
        null);
  }

  @Test
  void withoutVariantsEveryLevelGetsTheBasePersona() {
    var character = withLevels(Map.of());
    for (var level : CefrLevel.values()) {
      assertThat(character.personaFor(level)).isEqualTo("BASE");
    }
  }

  @Test
  void anExactVariantIsAppendedToTheBasePersona() {
    var character = withLevels(Map.of(CefrLevel.A1, "SLOW", CefrLevel.B2, "NATURAL"));
    assertThat(character.personaFor(CefrLevel.A1)).isEqualTo("BASE\n\nSLOW");
    assertThat(character.personaFor(CefrLevel.B2)).isEqualTo("BASE\n\nNATURAL");
  }

  @Test
  void aMissingLevelFallsBackToTheNearestLowerVariant() {
    var character = withLevels(Map.of(CefrLevel.A2, "EASY", CefrLevel.C1, "FAST"));
    assertThat(character.personaFor(CefrLevel.B2)).isEqualTo("BASE\n\nEASY");
    assertThat(character.personaFor(CefrLevel.C2)).isEqualTo("BASE\n\nFAST");
  }

  @Test
  void aLevelBelowEveryVariantGetsTheLowestVariant() {
    var character = withLevels(Map.of(CefrLevel.B1, "MIDDLE", CefrLevel.C2, "NATIVE"));
    assertThat(character.personaFor(CefrLevel.A1)).isEqualTo("BASE\n\nMIDDLE");
    assertThat(character.personaFor(CefrLevel.A2)).isEqualTo("BASE\n\nMIDDLE");
  }

  @Test
  void shippedCharactersGiveEachLevelItsOwnInstructions() {
    var barista = BuiltInCharacters.load("classpath*:characters/barista-madrid.md").getFirst();
    assertThat(barista.personaFor(CefrLevel.A1))
        .startsWith(barista.persona())
        .contains("very short")
        .isNotEqualTo(barista.personaFor(CefrLevel.C1));
    assertThat(barista.personaFor(CefrLevel.C2)).isEqualTo(barista.personaFor(CefrLevel.C1));
  }
}

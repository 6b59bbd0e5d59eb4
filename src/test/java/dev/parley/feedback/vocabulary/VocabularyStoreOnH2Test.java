package dev.parley.feedback.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.feedback.H2Database;
import dev.parley.feedback.LanguageFilter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Word counts on H2, as in the default install. */
class VocabularyStoreOnH2Test {

  final VocabularyStore store = new VocabularyStore(new H2Database().jdbc);

  @Test
  void countsAddUpPerLearnerAndLanguage() {
    var monthAgo = Instant.now().minus(30, ChronoUnit.DAYS);
    var now = Instant.now();
    store.add("ana", "es-ES", Words.count("hola hola amigo", "es-ES"), monthAgo);
    store.add("ana", "es-ES", Words.count("Hola, café", "es-ES"), now);
    store.add("ana", "fr-FR", Words.count("bonjour", "fr-FR"), now);
    store.add("bob", "es-ES", Words.count("hola", "es-ES"), now);

    var es = LanguageFilter.of("es");
    assertThat(store.totals("ana", es)).isEqualTo(new VocabularyStore.Totals(5, 3));
    assertThat(store.totals("ana", LanguageFilter.ANY)).isEqualTo(new VocabularyStore.Totals(6, 4));
    assertThat(store.top("ana", es, 1))
        .containsExactly(new VocabularyStore.WordCount("hola", "es-ES", 3));
    assertThat(store.firstUsedSince("ana", es, now.minus(7, ChronoUnit.DAYS), 100))
        .extracting(VocabularyStore.NewWord::word)
        .containsExactly("café");
  }
}

package dev.parley.feedback.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.character.CefrLevel;
import dev.parley.conversation.Session;
import dev.parley.conversation.SessionMode;
import dev.parley.conversation.SessionStatus;
import dev.parley.conversation.Turn;
import dev.parley.conversation.TurnRecorded;
import dev.parley.conversation.TurnRedacted;
import dev.parley.conversation.TurnStatus;
import dev.parley.feedback.H2Database;
import dev.parley.feedback.LanguageFilter;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** A redaction takes its words out of the counts, whether it comes before or after the count. */
class VocabularyListenerOnH2Test {

  static final String SAID = "Write to ana.lopez@example.com, Ana";
  static final String REDACTED = "Write to [redacted], Ana";

  final H2Database database = new H2Database();
  final VocabularyStore store =
      new VocabularyStore(new JdbcTemplate(database.dataSource), database.transactions);
  final Session session =
      new Session(
          UUID.randomUUID().toString(),
          "ana",
          "job-interview-london",
          SessionMode.SANDBOX,
          CefrLevel.B1,
          null,
          "en-GB",
          SessionStatus.ACTIVE,
          null,
          -1,
          Instant.now(),
          Instant.now(),
          null);

  @Test
  void aRedactionAfterTheCountTakesTheRedactedWordsBack() throws Exception {
    store.add("ana", "en-GB", Words.count("Ana, com", "en-GB"), Instant.now());
    var listener = new VocabularyListener(store);
    listener.turnRecorded(new TurnRecorded(session, turn(SAID)));
    await().atMost(5, TimeUnit.SECONDS).until(() -> words().containsKey("lopez"));

    listener.turnRedacted(new TurnRedacted(session, turn(SAID), turn(REDACTED)));
    listener.close(); // waits for the writes

    // The uses of an earlier conversation stay.
    assertThat(words()).isEqualTo(Map.of("write", 1, "to", 1, "ana", 2, "com", 1));
  }

  @Test
  void eitherOrderCountsOnlyTheRedactedText() throws Exception {
    var listener = new VocabularyListener(store);
    listener.turnRedacted(new TurnRedacted(session, turn(SAID), turn(REDACTED)));
    listener.turnRecorded(new TurnRecorded(session, turn(SAID)));
    listener.close();

    assertThat(words()).isEqualTo(Map.of("write", 1, "to", 1, "ana", 1));
  }

  private Map<String, Integer> words() {
    return store.top("ana", LanguageFilter.ANY, 50).stream()
        .collect(Collectors.toMap(VocabularyStore.WordCount::word, w -> (int) w.count()));
  }

  private Turn turn(String userText) {
    return new Turn(
        "turn-1",
        session.id(),
        1,
        userText,
        "Sure.",
        TurnStatus.COMPLETED,
        Instant.now(),
        1,
        2,
        3,
        4,
        5.0,
        "fake",
        "fake",
        Instant.now(),
        null);
  }
}

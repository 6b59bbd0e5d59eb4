package dev.parley.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

  @Test
  void isAVersion7UuidCarryingItsMillisecond() {
    long millis = 1_763_800_000_123L;
    var id = TimeOrderedIds.at(millis);

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2); // RFC 9562's variant, bits 10
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    assertThat(UUID.fromString(id.toString())).isEqualTo(id);
  }

  @Test
  void idsOfLaterMillisecondsSortAfterEarlierOnesAsText() {
    var earlier = TimeOrderedIds.at(1_763_800_000_123L).toString();
    var later = TimeOrderedIds.at(1_763_800_000_124L).toString();
    var muchLater = TimeOrderedIds.at(1_900_000_000_000L).toString();

    // Text order is what a varchar index sorts by.
    assertThat(earlier).isLessThan(later);
    assertThat(later).isLessThan(muchLater);
  }

  @Test
  void idsOfOneMillisecondDifferInTheirRandomBits() {
    var ids = new HashSet<UUID>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(TimeOrderedIds.at(1_763_800_000_123L));
    }

    assertThat(ids).hasSize(10_000);
    assertThat(ids).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
  }

  @Test
  void nextIsMadeNow() {
    long before = System.currentTimeMillis();
    var id = UUID.fromString(TimeOrderedIds.next());
    long after = System.currentTimeMillis();

    assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
  }
}

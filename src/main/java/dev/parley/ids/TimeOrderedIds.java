package dev.parley.ids;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Row ids that sort by creation time: UUID version 7 (RFC 9562), 48 bits of Unix milliseconds
 * followed by 74 random bits. A B-tree index on a random UUID takes each insert on a different
 * leaf, so every insert reads (and on H2, decodes into the heap) a leaf nobody else is using; ids
 * that grow with time land on the index's last leaves, which the next inserts are already using.
 * The random bits come from the same source as {@link UUID#randomUUID()}, so an id is no easier to
 * guess than before; its first 12 digits tell when the row was made, as the row itself does.
 */
public final class TimeOrderedIds {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TimeOrderedIds() {}

  /** A new id, made now. */
  public static String next() {
    return at(System.currentTimeMillis()).toString();
  }

  static UUID at(long epochMillis) {
    var random = new byte[10];
    RANDOM.nextBytes(random);
    long high = epochMillis << 16 | 0x7000L | (random[0] & 0x0fL) << 8 | random[1] & 0xffL;
    long low = 0x8000_0000_0000_0000L | (random[2] & 0x3fL) << 56;
    for (int i = 3; i < 10; i++) {
      low |= (random[i] & 0xffL) << (8 * (9 - i));
    }
    return new UUID(high, low);
  }
}

package dev.parley.feedback;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where work on a learner's turn meets the turn's redaction. They come on different threads and in
 * either order (the grammar check starts before the turn is stored, moderation after), so each side
 * runs its step under the turn's lock and leaves a note for the other: the redacted text, and
 * whether the turn was already handled. Notes are kept for a while ({@link #KEEP}, at most {@link
 * #MAX_TURNS}), long past the seconds that separate the two sides.
 */
public final class RecentRedactions {

  public static final Duration KEEP = Duration.ofMinutes(15);
  public static final int MAX_TURNS = 10_000;
  private static final int STRIPES = 64;

  private record Key(String sessionId, int turnNumber) {}

  private record Note(String redactedText, boolean handled, long since) {}

  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
  private final Map<Key, Note> notes =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Note> eldest) {
          return size() > MAX_TURNS;
        }
      };

  public RecentRedactions() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** Runs {@code work} holding the turn's lock: the other side's step waits for it. */
  public void locked(String sessionId, int turnNumber, Runnable work) {
    var lock = locks[Math.floorMod(new Key(sessionId, turnNumber).hashCode(), STRIPES)];
    lock.lock();
    try {
      work.run();
    } finally {
      lock.unlock();
    }
  }

  /** Notes the learner's redacted text of a turn. */
  public void redacted(String sessionId, int turnNumber, String text) {
    note(new Key(sessionId, turnNumber), new Note(text, false, System.nanoTime()));
  }

  /** Notes that the turn's text was used (e.g. its words counted). */
  public void handled(String sessionId, int turnNumber) {
    note(new Key(sessionId, turnNumber), new Note(null, true, System.nanoTime()));
  }

  /** The learner's redacted text of the turn, or null when none is known. */
  public String redactedText(String sessionId, int turnNumber) {
    var note = note(new Key(sessionId, turnNumber));
    return note == null ? null : note.redactedText();
  }

  public boolean wasHandled(String sessionId, int turnNumber) {
    var note = note(new Key(sessionId, turnNumber));
    return note != null && note.handled();
  }

  private synchronized Note note(Key key) {
    forgetOld();
    return notes.get(key);
  }

  /** Adds to the turn's note; it keeps its age, so that it is forgotten in order. */
  private synchronized void note(Key key, Note added) {
    forgetOld();
    notes.merge(
        key,
        added,
        (note, more) ->
            new Note(
                more.redactedText() == null ? note.redactedText() : more.redactedText(),
                note.handled() || more.handled(),
                note.since()));
  }

  /** Notes are in the order they were made, so the old ones are at the front. */
  private void forgetOld() {
    long oldest = System.nanoTime() - KEEP.toNanos();
    var notesByAge = notes.values().iterator();
    while (notesByAge.hasNext() && notesByAge.next().since() - oldest < 0) {
      notesByAge.remove();
    }
  }
}

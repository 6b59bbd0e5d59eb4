package dev.parley.conversation;

/** A turn in flight. */
public interface TurnHandle {

  /**
   * Stops the reply and stores the turn as interrupted with the text generated so far. Does nothing
   * once the turn has ended.
   */
  void interrupt();
}

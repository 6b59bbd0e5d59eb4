package dev.parley.voice.vad;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Records what a detector reports, as comparable strings, and the turn audio it forwards. */
final class TurnEvents implements TurnListener {

  record Event(String kind, long atMillis, long speechEndMillis) {}

  final List<Event> events = new ArrayList<>();
  private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
  private int audioSamples;

  @Override
  public void speechStarted(long atMillis) {
    events.add(new Event("started", atMillis, -1));
  }

  @Override
  public void onAudio(short[] samples) {
    for (short s : samples) {
      audio.write(s & 0xff);
      audio.write((s >> 8) & 0xff);
    }
    audioSamples += samples.length;
  }

  @Override
  public void speechStopped(long atMillis, long speechEndMillis) {
    events.add(new Event("stopped", atMillis, speechEndMillis));
  }

  @Override
  public void maxTurnReached(long atMillis) {
    events.add(new Event("max", atMillis, -1));
  }

  List<String> kinds() {
    return events.stream().map(Event::kind).toList();
  }

  Event first(String kind) {
    return events.stream().filter(e -> e.kind().equals(kind)).findFirst().orElseThrow();
  }

  int audioSamples() {
    return audioSamples;
  }

  byte[] audioBytes() {
    return audio.toByteArray();
  }
}

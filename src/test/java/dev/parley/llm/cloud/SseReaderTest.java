package dev.parley.llm.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {

  private static final String STREAM =
      ": keep-alive\n\n"
          + "data: {\"t\":\"¿qué\"}\n\n"
          + "event: message\r\nid: 7\r\ndata:{\"t\":\"tal 👋\"}\r\n\r\n"
          + "retry: 100\r\r"
          + "data: first\ndata: second\n\n"
          + ":\n"
          + "data: [DONE]\n\n";

  private static final List<String> EVENTS =
      List.of("{\"t\":\"¿qué\"}", "{\"t\":\"tal 👋\"}", "first\nsecond", "[DONE]");

  @Test
  void readsEventsWhateverPiecesTheBytesArriveIn() {
    var bytes = STREAM.getBytes(StandardCharsets.UTF_8);
    // Every split point, including inside "¿", "👋", "\r\n" and the field names.
    for (int split = 0; split <= bytes.length; split++) {
      var events = new ArrayList<String>();
      var reader = reader(events);
      assertThat(reader.feed(bytes, 0, split)).isTrue();
      assertThat(reader.feed(bytes, split, bytes.length - split)).isTrue();
      assertThat(reader.finish()).isTrue();
      assertThat(events).as("split at %d", split).isEqualTo(EVENTS);
    }
  }

  @Test
  void readsEventsDeliveredOneByteAtATime() {
    var bytes = STREAM.getBytes(StandardCharsets.UTF_8);
    var events = new ArrayList<String>();
    var reader = reader(events);
    for (int i = 0; i < bytes.length; i++) {
      reader.feed(bytes, i, 1);
    }
    assertThat(events).isEqualTo(EVENTS);
  }

  @Test
  void anEventIsDeliveredAsSoonAsItsBlankLineArrives() {
    var events = new ArrayList<String>();
    var reader = reader(events);
    var first = "data: one\n".getBytes(StandardCharsets.UTF_8);
    reader.feed(first, 0, first.length);
    assertThat(events).isEmpty();
    reader.feed(new byte[] {'\n'}, 0, 1);
    assertThat(events).containsExactly("one");
  }

  @Test
  void aLastEventWithoutItsBlankLineIsDeliveredAtTheEnd() {
    var events = new ArrayList<String>();
    var reader = reader(events);
    var bytes = "data: one\n\ndata: two".getBytes(StandardCharsets.UTF_8);
    reader.feed(bytes, 0, bytes.length);
    assertThat(events).containsExactly("one");
    reader.finish();
    assertThat(events).containsExactly("one", "two");
  }

  @Test
  void stopsWhenTheHandlerSaysSo() {
    var events = new ArrayList<String>();
    var reader =
        new SseReader(
            (data, length) -> {
              events.add(new String(data, 0, length, StandardCharsets.UTF_8));
              return false;
            });
    var bytes = "data: one\n\ndata: two\n\n".getBytes(StandardCharsets.UTF_8);
    assertThat(reader.feed(bytes, 0, bytes.length)).isFalse();
    assertThat(events).containsExactly("one");
  }

  @Test
  void longLinesGrowTheBuffers() {
    var text = "x".repeat(10_000);
    var events = new ArrayList<String>();
    var bytes = ("data: " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
    reader(events).feed(bytes, 0, bytes.length);
    assertThat(events).containsExactly(text);
  }

  @Test
  void otherFieldsAndNamesThatOnlyStartWithDataAreIgnored() {
    var events = new ArrayList<String>();
    var bytes = "dataset: no\nevent: x\ndata\n\n".getBytes(StandardCharsets.UTF_8);
    reader(events).feed(bytes, 0, bytes.length);
    assertThat(events).containsExactly("");
  }

  private static SseReader reader(List<String> events) {
    return new SseReader(
        (data, length) -> {
          events.add(new String(data, 0, length, StandardCharsets.UTF_8));
          return true;
        });
  }
}

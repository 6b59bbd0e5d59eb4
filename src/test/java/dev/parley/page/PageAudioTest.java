package dev.parley.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.testing.ParleyIntegrationTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The page's audio modules in a real browser, apart from the server's voice pipeline: the capture
 * worklet cuts the fake microphone into 20 ms PCM16 frames at 16 kHz, and the reply player plays
 * streamed frames back to back and reports how much was heard, also when stopped by a barge-in.
 */
@ParleyIntegrationTest
class PageAudioTest {

  @LocalServerPort int port;
  @TempDir Path temp;

  @Test
  void theMicrophoneIsCutIntoTwentyMillisecondFramesOfPcm16() throws Exception {
    var microphone =
        new FakeMicrophone(temp)
            .silence(2000)
            .say("I would like to speak to the manager please")
            .silence(2000)
            .write("microphone.wav");
    try (var chromium = HeadlessChromium.start(temp.resolve("profile"), microphone)) {
      chromium.driver().get("http://localhost:" + port + "/");
      var capture =
          (Map<?, ?>)
              chromium.script(
                  """
                  return (async () => {
                  const { Microphone } = await import('/microphone.js');
                  const frames = [];
                  const mic = new Microphone((pcm, level) => frames.push({ bytes: pcm.byteLength, level }), true);
                  const rate = await mic.start();
                  const started = performance.now();
                  await new Promise(done => setTimeout(done, 3500));
                  mic.stop();
                  const elapsedMs = performance.now() - started;
                  const levels = frames.map(f => f.level);
                  return {
                    rate,
                    frames: frames.length,
                    expected: Math.floor(elapsedMs / 20),
                    sizes: [...new Set(frames.map(f => f.bytes))],
                    silence: Math.max(...levels.slice(0, 10)),
                    speech: Math.max(...levels),
                  };
                  })();
                  """);

      assertThat(capture.get("rate")).isEqualTo(16000L);
      assertThat(capture.get("sizes")).isEqualTo(List.of(640L));
      // One frame per 20 ms while the microphone was on, give or take the audio thread's batching.
      var expected = (Long) capture.get("expected");
      assertThat((Long) capture.get("frames")).isBetween(expected * 8 / 10, expected + 10);
      assertThat(((Number) capture.get("silence")).doubleValue()).isLessThan(0.005);
      assertThat(((Number) capture.get("speech")).doubleValue()).isGreaterThan(0.02);
    }
  }

  @Test
  void replyAudioPlaysGaplesslyAndReportsWhatWasHeard() throws Exception {
    try (var chromium = HeadlessChromium.start(temp.resolve("profile"), null)) {
      chromium.driver().get("http://localhost:" + port + "/");
      var played =
          (Map<?, ?>)
              chromium.script(
                  """
                  return (async () => {
                  const { ReplyPlayer, parseReplyFrame } = await import('/reply-player.js');
                  const rate = 24000, chunk = 2400;
                  const frame = (number, index) => {
                    const buffer = new ArrayBuffer(8 + chunk * 2);
                    const view = new DataView(buffer);
                    view.setUint32(0, number, true);
                    view.setUint32(4, index * chunk, true);
                    const pcm = new Int16Array(buffer, 8);
                    for (let i = 0; i < chunk; i++) pcm[i] = 8000 * Math.sin((index * chunk + i) * 0.115);
                    return parseReplyFrame(buffer);
                  };
                  const played = async (number, chunks, stopAfterMs) => {
                    const reports = [];
                    const player = new ReplyPlayer((n, ms) => reports.push({ n, ms }));
                    await player.unlock();
                    player.begin(number, rate);
                    for (let i = 0; i < chunks; i++) player.push(frame(number, i));
                    player.push(frame(number + 1, 0)); // another turn's frame is ignored
                    if (stopAfterMs) {
                      await new Promise(done => setTimeout(done, stopAfterMs));
                      player.stop();
                    } else {
                      player.end(number, 'completed');
                    }
                    while (player.playing) await new Promise(done => setTimeout(done, 50));
                    return reports;
                  };
                  return { whole: await played(3, 8), bargeIn: await played(5, 20, 600) };
                  })();
                  """);

      // Eight 100 ms chunks play to their end: reports every 250 ms, rising, the last one 800 ms.
      var whole = reports(played.get("whole"));
      assertThat(whole).hasSizeGreaterThanOrEqualTo(3).isSorted();
      assertThat(whole.getLast()).isCloseTo(800L, within(30L));
      // Two seconds of audio stopped after 0.6 s (later on a busy machine): the final report says
      // that much was heard, not the two seconds scheduled.
      var bargeIn = reports(played.get("bargeIn"));
      assertThat(bargeIn).isSorted();
      assertThat(bargeIn.getLast()).isBetween(400L, 1500L);
      assertThat((List<?>) played.get("bargeIn"))
          .allSatisfy(report -> assertThat(((Map<?, ?>) report).get("n")).isEqualTo(5L));
    }
  }

  private static List<Long> reports(Object reports) {
    return ((List<?>) reports).stream().map(r -> (Long) ((Map<?, ?>) r).get("ms")).toList();
  }
}

package dev.parley.voice.stt.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.voice.VoiceException;
import dev.parley.voice.stt.Transcript;
import dev.parley.voice.stt.TranscriptListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Records partials, the outcome, and how many outcomes there were (the contract allows one). */
final class RecordingListener implements TranscriptListener {

  final List<String> partials = new CopyOnWriteArrayList<>();
  final CompletableFuture<Transcript> result = new CompletableFuture<>();
  final AtomicInteger outcomes = new AtomicInteger();

  @Override
  public void onPartial(String text) {
    partials.add(text);
  }

  @Override
  public void onFinal(Transcript transcript) {
    outcomes.incrementAndGet();
    result.complete(transcript);
  }

  @Override
  public void onError(VoiceException error) {
    outcomes.incrementAndGet();
    result.completeExceptionally(error);
  }

  Transcript transcript() throws Exception {
    return result.get(30, TimeUnit.SECONDS);
  }

  VoiceException error() {
    var failure =
        catchThrowableOfType(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));
    assertThat(failure).as("expected the transcription to fail").isNotNull();
    assertThat(failure.getCause()).isInstanceOf(VoiceException.class);
    return (VoiceException) failure.getCause();
  }
}

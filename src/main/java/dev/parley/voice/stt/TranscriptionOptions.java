package dev.parley.voice.stt;

import java.util.Objects;

/**
 * @param language BCP 47 tag of the language the learner speaks, e.g. {@code es-ES}
 * @param partials whether to produce partial transcripts while the user speaks
 */
public record TranscriptionOptions(String language, boolean partials) {

  public TranscriptionOptions {
    Objects.requireNonNull(language, "language");
  }
}

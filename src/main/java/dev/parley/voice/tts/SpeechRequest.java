package dev.parley.voice.tts;

import dev.parley.character.Gender;
import java.util.Objects;

/**
 * One piece of text to speak.
 *
 * @param text usually one sentence
 * @param voice the character's voice hint (e.g. {@code es-ES-female-1}); adapters map it, with
 *     gender and language, to one of their voices
 * @param gender the character's gender, for picking a voice when the hint means nothing here
 * @param language BCP 47 tag of the text's language
 * @param rate speaking rate, 1.0 normal; lower for beginners
 */
public record SpeechRequest(
    String text, String voice, Gender gender, String language, double rate) {

  public SpeechRequest {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(language, "language");
    gender = gender == null ? Gender.NEUTRAL : gender;
    if (rate <= 0) {
      throw new IllegalArgumentException("rate must be positive");
    }
  }
}

package dev.parley.voice.stt.cloud;

import dev.parley.voice.stt.Transcription;

/** Transcriptions that never start: their failure has already been reported. */
final class Transcriptions {

  static final Transcription NONE =
      new Transcription() {
        @Override
        public void accept(short[] samples) {}

        @Override
        public void finish() {}

        @Override
        public void cancel() {}
      };

  private Transcriptions() {}
}

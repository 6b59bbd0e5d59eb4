package dev.parley.models;

import java.util.Locale;

/** What a model is used for. */
public enum ModelKind {
  LLM,
  STT;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

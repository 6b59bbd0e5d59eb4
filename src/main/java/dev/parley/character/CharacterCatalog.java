package dev.parley.character;

import dev.parley.learner.Learner;
import java.util.List;
import java.util.Optional;

/** Built-in characters (from files) and a learner's custom ones (from the database). */
public interface CharacterCatalog {

  /** A built-in character, or a custom one owned by {@code learner}. */
  Optional<CharacterDefinition> find(String id, Learner learner);

  /** Built-in characters first, then the learner's custom ones. */
  List<CharacterDefinition> list(Learner learner);
}

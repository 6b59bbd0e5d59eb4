package dev.parley.character;

import dev.parley.learner.Learner;
import dev.parley.web.ApiException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Built-in characters (files, loaded once) plus each learner's custom ones (database). A learner
 * sees only their own custom characters; another learner's id is indistinguishable from an unknown
 * one.
 */
@Service
class DefaultCharacterCatalog implements CharacterCatalog {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final int MAX_SLUG = 40;

  private final BuiltInCharacters builtIns;
  private final CustomCharacterRepository customs;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  DefaultCharacterCatalog(BuiltInCharacters builtIns, CustomCharacterRepository customs) {
    this.builtIns = builtIns;
    this.customs = customs;
    this.clock = Clock.systemUTC();
  }

  @Override
  public Optional<CharacterDefinition> find(String id, Learner learner) {
    var builtIn = builtIns.find(id);
    return builtIn.isPresent() || !id.startsWith(CharacterFile.CUSTOM_PREFIX)
        ? builtIn
        : customs.find(id, learner);
  }

  @Override
  public List<CharacterDefinition> list(Learner learner) {
    var all = new ArrayList<>(builtIns.all());
    all.addAll(customs.list(learner));
    return all;
  }

  /** The learner's characters filtered by language (exact tag, or its primary language) and tag. */
  List<CharacterDefinition> list(Learner learner, String language, String tag) {
    return list(learner).stream()
        .filter(c -> language == null || speaks(c, language))
        .filter(c -> tag == null || c.tags().contains(tag.toLowerCase(Locale.ROOT)))
        .toList();
  }

  CharacterDefinition create(CharacterDraft draft, Learner learner) {
    for (int attempt = 1; ; attempt++) {
      var character = draft.toDefinition(newId(draft.title()), true, learner.id(), now());
      try {
        customs.insert(character);
        return character;
      } catch (DuplicateKeyException e) {
        if (attempt == 3) {
          throw ApiException.conflict("character_id_conflict", "Could not allocate a character id");
        }
      }
    }
  }

  CharacterDefinition update(String id, CharacterDraft draft, Learner learner) {
    requireWritable(id);
    var character = draft.toDefinition(id, true, learner.id(), now());
    if (!customs.update(character)) {
      throw notFound(id);
    }
    return character;
  }

  void delete(String id, Learner learner) {
    requireWritable(id);
    if (!customs.delete(id, learner)) {
      throw notFound(id);
    }
  }

  static ApiException notFound(String id) {
    return ApiException.notFound("character_not_found", "No character with id '" + id + "'");
  }

  private void requireWritable(String id) {
    if (builtIns.find(id).isPresent()) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "character_read_only",
          "'" + id + "' is a built-in character and cannot be changed; create a custom one instead");
    }
  }

  private static boolean speaks(CharacterDefinition character, String language) {
    var wanted = language.trim().toLowerCase(Locale.ROOT);
    var actual = character.language().toLowerCase(Locale.ROOT);
    return actual.equals(wanted) || actual.startsWith(wanted + "-");
  }

  // PostgreSQL keeps microseconds: truncating keeps what we return equal to what we read back.
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private String newId(String title) {
    var slug =
        Normalizer.normalize(title, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-|-$", "");
    if (slug.length() > MAX_SLUG) {
      slug = slug.substring(0, MAX_SLUG).replaceAll("-$", "");
    }
    var suffix = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return CharacterFile.CUSTOM_PREFIX + (slug.isEmpty() ? "character" : slug) + "-" + suffix;
  }
}

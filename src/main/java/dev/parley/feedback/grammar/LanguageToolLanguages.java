package dev.parley.feedback.grammar;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.languagetool.Language;
import org.languagetool.Languages;

/**
 * Maps BCP 47 tags to LanguageTool languages. The variant matters where LanguageTool has one:
 * English and German spell-check only with a country (en-US vs en-GB spelling, de-DE vs de-CH "ß",
 * pt-PT vs pt-BR), so a tag with a region LanguageTool knows gets that variant and any other tag
 * gets the language's default variant (en-US, de-DE, pt-PT). Languages without variants (es-ES,
 * es-MX, fr-FR) map to the bare language.
 */
final class LanguageToolLanguages {

  private final Set<String> enabled;

  /**
   * @param enabled primary language subtags to offer, e.g. {@code en}, {@code es}
   */
  LanguageToolLanguages(Set<String> enabled) {
    this.enabled = Set.copyOf(enabled.stream().map(LanguageToolLanguages::primary).toList());
  }

  /**
   * The LanguageTool language for a tag such as {@code es-MX}, when it is enabled and installed.
   */
  Optional<Language> resolve(String tag) {
    if (tag == null || tag.isBlank()) {
      return Optional.empty();
    }
    var parts = tag.strip().replace('_', '-').split("-");
    var primary = primary(parts[0]);
    if (!enabled.contains(primary) || !Languages.isLanguageSupported(primary)) {
      return Optional.empty();
    }
    if (parts.length > 1 && parts[1].length() == 2) {
      var withRegion = primary + "-" + parts[1].toUpperCase(Locale.ROOT);
      if (Languages.isLanguageSupported(withRegion)) {
        return Optional.of(Languages.getLanguageForShortCode(withRegion));
      }
    }
    var base = Languages.getLanguageForShortCode(primary);
    var variant = base.getDefaultLanguageVariant();
    return Optional.of(variant == null ? base : variant);
  }

  private static String primary(String tag) {
    var dash = tag.indexOf('-');
    return (dash < 0 ? tag : tag.substring(0, dash)).strip().toLowerCase(Locale.ROOT);
  }
}

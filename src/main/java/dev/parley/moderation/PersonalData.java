package dev.parley.moderation;

import dev.parley.moderation.Verdict.Flag;
import dev.parley.moderation.Verdict.Span;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds personal data a learner should not leave in a transcript: e-mail addresses, payment card
 * numbers (Luhn-valid), IBANs (mod-97-valid) and phone numbers. Checksums keep prices, years and
 * order numbers from being taken for cards or accounts.
 */
final class PersonalData {

  private static final Pattern EMAIL =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+"
              + "@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");
  private static final Pattern IBAN =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])[A-Za-z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}(?![\\p{L}\\p{N}])");
  private static final Pattern CARD =
      Pattern.compile("(?<![\\d\\p{L}])\\d(?:[ -]?\\d){12,18}(?!\\d)");
  private static final Pattern PHONE =
      Pattern.compile("(?<![\\d\\p{L}+])\\+?\\(?\\d[\\d ().-]{6,}\\d(?![\\d\\p{L}])");
  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  private PersonalData() {}

  static List<Flag> find(String text) {
    var flags = new ArrayList<Flag>();
    var taken = new ArrayList<Span>();
    collect(text, EMAIL, "e-mail address", s -> true, flags, taken);
    collect(text, IBAN, "IBAN (valid checksum)", PersonalData::validIban, flags, taken);
    collect(
        text, CARD, "payment card number (valid Luhn checksum)", PersonalData::luhn, flags, taken);
    collect(text, PHONE, "phone number", PersonalData::phoneLike, flags, taken);
    return flags;
  }

  private static void collect(
      String text,
      Pattern pattern,
      String reason,
      java.util.function.Predicate<String> valid,
      List<Flag> flags,
      List<Span> taken) {
    var spans = new ArrayList<Span>();
    var matcher = pattern.matcher(text);
    while (matcher.find()) {
      var span = new Span(matcher.start(), matcher.end());
      if (valid.test(matcher.group()) && taken.stream().noneMatch(t -> overlaps(t, span))) {
        spans.add(span);
      }
    }
    if (!spans.isEmpty()) {
      taken.addAll(spans);
      flags.add(new Flag(ModerationCategory.PERSONAL_DATA, reason, spans));
    }
  }

  private static boolean overlaps(Span a, Span b) {
    return a.start() < b.end() && b.start() < a.end();
  }

  static boolean luhn(String candidate) {
    var digits = candidate.replaceAll("\\D", "");
    if (digits.length() < 13 || digits.length() > 19) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      }
      sum += digit;
    }
    return sum % 10 == 0;
  }

  static boolean validIban(String candidate) {
    var iban = candidate.replace(" ", "").toUpperCase(Locale.ROOT);
    if (iban.length() < 15 || iban.length() > 34) {
      return false;
    }
    var rearranged = iban.substring(4) + iban.substring(0, 4);
    var numeric = new StringBuilder();
    for (char c : rearranged.toCharArray()) {
      numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    return new BigInteger(numeric.toString()).mod(NINETY_SEVEN).intValue() == 1;
  }

  /** Dates and short numbers are not phone numbers: 9 to 15 digits, or 8 after a {@code +}. */
  private static boolean phoneLike(String candidate) {
    int digits = candidate.replaceAll("\\D", "").length();
    return digits <= 15 && (digits >= 9 || (candidate.startsWith("+") && digits >= 8));
  }
}

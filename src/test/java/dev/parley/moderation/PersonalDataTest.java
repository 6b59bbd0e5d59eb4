package dev.parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Mi correo es lucia.perez+cafe@correo.es, gracias | lucia.perez+cafe@correo.es",
        "Card: 4111 1111 1111 1111 exp 12/27             | 4111 1111 1111 1111",
        "Meine Karte 5500-0000-0000-0004                 | 5500-0000-0000-0004",
        "IBAN: ES91 2100 0418 4502 0005 1332 por favor    | ES91 2100 0418 4502 0005 1332",
        "Mon IBAN est FR1420041010050500013M02606.        | FR1420041010050500013M02606",
        "Llámame al +34 612 345 678 mañana                | +34 612 345 678",
        "Appelle-moi au 06 12 34 56 78                    | 06 12 34 56 78",
        "Ruf an: (030) 1234-5678                          | (030) 1234-5678",
      })
  void findsPersonalData(String text, String expected) {
    var flags = PersonalData.find(text.strip());
    assertThat(flags).isNotEmpty();
    var stripped = text.strip();
    assertThat(flags)
        .flatExtracting(Verdict.Flag::spans)
        .extracting(s -> stripped.substring(s.start(), s.end()))
        .containsExactly(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Un café con leche son 1,80 €",
        "Nací en 1998 y vivo en el número 12",
        "The order 4111 1111 1111 1112 is not a card (Luhn fails)",
        "DE89 3704 0044 0532 0130 02 is a broken IBAN",
        "Quedamos el 12/05/2025 a las 10:30",
        "Room 2024-11-05",
      })
  void leavesOtherNumbersAlone(String text) {
    assertThat(PersonalData.find(text)).as(text).isEmpty();
  }
}

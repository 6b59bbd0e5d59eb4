package dev.parley.voice.tts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SentenceChunkerTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        // Abbreviations
        of("Hello Mr. Smith. How are you today?", "Hello Mr. Smith.", "How are you today?"),
        of(
            "Dr. Brown and Mrs. Jones will see you now. Please take a seat.",
            "Dr. Brown and Mrs. Jones will see you now.",
            "Please take a seat."),
        of(
            "Bring fruit, e.g. apples or pears. That is, i.e. healthy food.",
            "Bring fruit, e.g. apples or pears.",
            "That is, i.e. healthy food."),
        of(
            "We sell pens, paper, etc. Come and see us soon.",
            "We sell pens, paper, etc.",
            "Come and see us soon."),
        of(
            "She moved to the U.S. Army base last year. It was far.",
            "She moved to the U.S. Army base last year.",
            "It was far."),
        of(
            "The book by J. R. R. Tolkien is long. Read it.",
            "The book by J. R. R. Tolkien is long.",
            "Read it."),
        of(
            "El Sr. García y la Sra. López llegan hoy. ¿Quieres café? ¡Claro que sí!",
            "El Sr. García y la Sra. López llegan hoy.",
            "¿Quieres café?",
            "¡Claro que sí!"),
        of(
            "Puedes pedir algo, p. ej. agua o zumo. Gracias por venir.",
            "Puedes pedir algo, p. ej. agua o zumo.",
            "Gracias por venir."),
        of(
            "M. Dupont et Mme Martin arrivent demain. Bonne journée à vous !",
            "M. Dupont et Mme Martin arrivent demain.",
            "Bonne journée à vous !"),
        of(
            "Wir brauchen z.B. Äpfel, Birnen usw. Das ist alles für heute.",
            "Wir brauchen z.B. Äpfel, Birnen usw.",
            "Das ist alles für heute."),
        // Numbers
        of(
            "It costs $29.99 today. The rate is 3.5 percent. Here it is 29,99 € and 1.000 units.",
            "It costs $29.99 today.",
            "The rate is 3.5 percent.",
            "Here it is 29,99 € and 1.000 units."),
        of(
            "Here is the plan:\n1. First we warm up.\n2. Then we practise.",
            "Here is the plan:",
            "1. First we warm up.",
            "2. Then we practise."),
        of("Steps:\n1. Open the door\n2. Walk in", "Steps:", "1. Open the door", "2. Walk in"),
        of("Buy these:\n- milk\n- bread", "Buy these:", "- milk", "- bread"),
        // Ellipses
        of("Well... I think so.", "Well... I think so."),
        of("I don't know… Maybe tomorrow we can go.", "I don't know…", "Maybe tomorrow we can go."),
        of("I was thinking... maybe not today.", "I was thinking... maybe not today."),
        // Quotes and brackets after the end
        of(
            "He said \"Stop right there.\" Then he left the room.",
            "He said \"Stop right there.\"",
            "Then he left the room."),
        of("(This is a note.) And this is text.", "(This is a note.)", "And this is text."),
        of(
            "«¿Vienes conmigo?» dijo ella. Sí, claro que voy.",
            "«¿Vienes conmigo?» dijo ella.",
            "Sí, claro que voy."),
        of("Are you serious?! That is amazing news!", "Are you serious?!", "That is amazing news!"),
        // CJK
        of("今日はいい天気ですね。散歩に行きましょう！", "今日はいい天気ですね。", "散歩に行きましょう！"),
        of("你好。我很好，谢谢！", "你好。我很好，谢谢！"),
        of("「本当？」と彼は言った。そうですね。", "「本当？」と彼は言った。", "そうですね。"),
        // Whitespace
        of("Hello   there,\n my friend.  How are\nyou?", "Hello there, my friend.", "How are you?"),
        of(
            "First paragraph ends here\n\nSecond paragraph starts",
            "First paragraph ends here",
            "Second paragraph starts"),
        // Short sentences merge with the next one, except at the end
        of("Yes. No. OK.", "Yes. No. OK."),
        of("Oh. I see what you mean now.", "Oh. I see what you mean now."),
        of("Sure. Let us begin. Great work today.", "Sure. Let us begin.", "Great work today."),
        // The first chunk may end at a clause; later ones are whole sentences
        of(
            "Well, that is a very interesting question, and I think the answer depends on many"
                + " things, really. Let me explain.",
            "Well, that is a very interesting question,",
            "and I think the answer depends on many things, really.",
            "Let me explain."));
  }

  private static Arguments of(String text, String... sentences) {
    return Arguments.of(text, List.of(sentences));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void cutsWholeText(String text, List<String> expected) {
    assertThat(chunkWhole(text)).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void cutsTheSameStreamedCharacterByCharacter(String text, List<String> expected) {
    var sentences = new ArrayList<String>();
    var chunker = new SentenceChunker(sentences::add);
    text.codePoints().forEach(cp -> chunker.accept(Character.toString(cp)));
    chunker.flush();
    assertThat(sentences).containsExactlyElementsOf(expected);
  }

  @Test
  void emitsASentenceOnTheFirstCharacterOfTheNextDelta() {
    var sentences = new ArrayList<String>();
    var chunker = new SentenceChunker(sentences::add);

    chunker.accept("How are you today.");
    assertThat(sentences).as("a period at a delta's end is ambiguous").isEmpty();
    chunker.accept(" I");
    assertThat(sentences).containsExactly("How are you today.");

    chunker.accept(" met Mr.");
    chunker.accept(" Smith");
    assertThat(sentences).hasSize(1);
    chunker.accept(" at the station?");
    assertThat(sentences).hasSize(1);
    chunker.flush();
    assertThat(sentences).containsExactly("How are you today.", "I met Mr. Smith at the station?");
  }

  @Test
  void startsTheFirstChunkAtAClauseBeforeTheSentenceEnds() {
    var sentences = new ArrayList<String>();
    var chunker = new SentenceChunker(sentences::add);

    chunker.accept("Thank you so much for asking me, ");
    assertThat(sentences).containsExactly("Thank you so much for asking me,");
    chunker.accept("it is a pleasure, truly, to talk with you");
    assertThat(sentences).hasSize(1);
    chunker.flush();
    assertThat(sentences).last().isEqualTo("it is a pleasure, truly, to talk with you");
  }

  @Test
  void cutsASentenceThatNeverEndsAtClausesOrSpaces() {
    var text = "and then we walked along the river, and then we sat down ".repeat(12).strip();
    var sentences = chunkWhole(text);

    assertThat(sentences).hasSizeGreaterThan(3);
    assertThat(sentences).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(200));
    assertThat(sentences.subList(1, sentences.size() - 1))
        .allSatisfy(s -> assertThat(s).endsWith(","));
    assertThat(String.join(" ", sentences)).isEqualTo(text);
  }

  @Test
  void cutsWordsWithoutSpacesHardAtTheLimit() {
    var text = "x".repeat(450);
    assertThat(chunkWhole(text)).extracting(String::length).containsExactly(200, 200, 50);
  }

  @Test
  void isReadyForANewReplyAfterFlush() {
    var sentences = new ArrayList<String>();
    var chunker = new SentenceChunker(sentences::add);
    chunker.accept("This first reply has ended");
    chunker.flush();
    chunker.accept("And the second reply starts here, then goes on. ");
    chunker.flush();
    chunker.flush();
    assertThat(sentences)
        .containsExactly(
            "This first reply has ended", "And the second reply starts here,", "then goes on.");
  }

  @Test
  void emitsNothingForAnEmptyReply() {
    assertThat(chunkWhole("  \n ")).isEmpty();
  }

  /** Replies in four languages, split at random places, cut exactly like the whole text. */
  @Test
  void randomDeltaSplitsGiveTheSameSentencesAsTheWholeText() {
    var random = new Random(20261121);
    for (String text : SAMPLES) {
      var expected = chunkWhole(text);
      assertThat(String.join("", expected).replaceAll("\\s", ""))
          .as("no text lost")
          .isEqualTo(text.replaceAll("\\s", ""));
      for (int round = 0; round < 300; round++) {
        var sentences = new ArrayList<String>();
        var chunker = new SentenceChunker(sentences::add);
        int at = 0;
        while (at < text.length()) {
          int end = Math.min(text.length(), at + 1 + random.nextInt(round % 3 == 0 ? 3 : 12));
          if (Character.isHighSurrogate(text.charAt(end - 1)) && end < text.length()) {
            end++;
          }
          chunker.accept(text.substring(at, end));
          at = end;
        }
        chunker.flush();
        assertThat(sentences).as("%s (round %d)", text, round).isEqualTo(expected);
      }
    }
  }

  private static List<String> chunkWhole(String text) {
    var sentences = new ArrayList<String>();
    var chunker = new SentenceChunker(sentences::add);
    chunker.accept(text);
    chunker.flush();
    return sentences;
  }

  private static final List<String> SAMPLES =
      List.of(
          "Good morning! I'm Dr. Smith, your tutor today. Shall we practise ordering food? The"
              + " menu costs $12.50, e.g. a sandwich and a drink. Well... I think you'll like"
              + " it. Yes. No. OK.",
          "Sure, here are three tips:\n1. Speak slowly.\n2. Listen to the U.S. news every day.\n"
              + "3. Don't worry about mistakes!\n\nReady? Let's go.",
          "He said \"I can't come today.\" (He was sick.) We moved the meeting to 3.30 p.m. on"
              + " Friday, and everyone agreed, which was nice of them, since it was late.",
          "¡Hola! ¿Qué tal estás hoy? El Sr. Pérez y la Sra. Gómez te esperan en la cafetería."
              + " El café cuesta 2,50 €, p. ej. un cortado. ¿Quieres algo más?",
          "Buenos días, bienvenido a nuestra tienda, ¿en qué puedo ayudarle? Tenemos ofertas"
              + " hoy... muchas ofertas. ¡Mire estos zapatos!",
          "Bonjour ! Je m'appelle M. Dubois et voici Mme Laurent. Nous allons parler de la"
              + " France, etc. Vous avez des questions ? Très bien.",
          "Enchanté, vraiment, c'est un plaisir de vous rencontrer aujourd'hui. Le prix est de"
              + " 29,99 € pour 1.000 grammes.",
          "Guten Tag! Ich bin Hr. Müller. Wir brauchen z.B. Brot, Käse usw. Das kostet ca. 15"
              + " Euro. Am 3. Mai treffen wir uns wieder, d.h. nächste Woche.",
          "Also, ich denke, dass wir heute über das Wetter sprechen könnten, weil es so schön"
              + " ist und weil du das Vokabular brauchst, um Small Talk zu machen, oder? Gut.",
          "今日はいい天気ですね。散歩に行きましょう！「本当？」と彼は言った。");
}

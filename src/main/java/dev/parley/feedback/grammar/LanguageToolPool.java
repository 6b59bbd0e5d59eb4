package dev.parley.feedback.grammar;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.languagetool.JLanguageTool;
import org.languagetool.Language;
import org.languagetool.rules.RuleMatch;

/**
 * Up to {@code size} LanguageTool instances for one language. A {@link JLanguageTool} is not
 * thread-safe, so each check borrows one for its duration. Instances are built on demand (the
 * first costs seconds: dictionaries and rule files load; later ones share them and cost ~200 ms);
 * when all are built and busy, a check waits for one to come back.
 */
final class LanguageToolPool {

  private final Language language;
  private final int size;
  private final LinkedBlockingQueue<JLanguageTool> idle = new LinkedBlockingQueue<>();
  private final AtomicInteger created = new AtomicInteger();

  LanguageToolPool(Language language, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("A LanguageTool pool needs at least one instance");
    }
    this.language = language;
    this.size = size;
  }

  Language language() {
    return language;
  }

  List<RuleMatch> check(String text) throws IOException, InterruptedException {
    var tool = borrow();
    try {
      return tool.check(text);
    } finally {
      idle.add(tool);
    }
  }

  /** Instances built so far, for tests and warm-up. */
  int created() {
    return created.get();
  }

  private JLanguageTool borrow() throws InterruptedException {
    var tool = idle.poll();
    if (tool != null) {
      return tool;
    }
    if (created.getAndUpdate(n -> n < size ? n + 1 : n) < size) {
      try {
        return new JLanguageTool(language);
      } catch (RuntimeException | Error e) {
        created.decrementAndGet();
        throw e;
      }
    }
    return idle.take();
  }
}

package dev.parley.feedback.grammar;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.languagetool.JLanguageTool;
import org.languagetool.Language;
import org.languagetool.rules.RuleMatch;

/**
 * Up to {@code size} LanguageTool instances for one language variant. A {@link JLanguageTool} is
 * not thread-safe, so each check borrows one for its duration. Instances are built on demand, one
 * at a time: the first costs seconds (dictionaries and rules load, then the first check loads
 * more), later ones share what was loaded and cost ~200 ms. While one is being built or warmed, a
 * check waits for an instance to come free instead of building another that would contend for the
 * same loading.
 */
final class LanguageToolPool {

  private final Language language;
  private final int size;
  private final LinkedBlockingQueue<JLanguageTool> idle = new LinkedBlockingQueue<>();
  private final AtomicInteger created = new AtomicInteger();
  private final AtomicBoolean building = new AtomicBoolean();

  LanguageToolPool(Language language, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("A LanguageTool pool needs at least one instance");
    }
    this.language = language;
    this.size = size;
  }

  List<RuleMatch> check(String text) throws IOException, InterruptedException {
    var tool = borrow();
    try {
      return tool.check(text);
    } finally {
      idle.add(tool);
    }
  }

  /** Builds the first instance and runs {@code sample} through it; no-op once one exists. */
  void warm(String sample) throws IOException {
    if (!building.compareAndSet(false, true)) {
      return;
    }
    try {
      if (created.get() == 0) {
        var tool = build();
        try {
          tool.check(sample);
        } finally {
          idle.add(tool);
        }
      }
    } finally {
      building.set(false);
    }
  }

  /** Instances built so far. */
  int created() {
    return created.get();
  }

  private JLanguageTool borrow() throws InterruptedException {
    while (true) {
      var tool = idle.poll();
      if (tool != null) {
        return tool;
      }
      if (created.get() < size && building.compareAndSet(false, true)) {
        try {
          if (created.get() < size) {
            return build();
          }
        } finally {
          building.set(false);
        }
      }
      // Poll rather than take: a build that finishes hands its instance to its builder, not to
      // the queue, and may leave room for this check to build the next one.
      tool = idle.poll(100, TimeUnit.MILLISECONDS);
      if (tool != null) {
        return tool;
      }
    }
  }

  private JLanguageTool build() {
    var tool = new JLanguageTool(language);
    created.incrementAndGet();
    return tool;
  }
}

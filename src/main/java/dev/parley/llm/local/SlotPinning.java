package dev.parley.llm.local;

import de.kherud.llama.InferenceParameters;
import java.lang.reflect.Field;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets llama.cpp's {@code id_slot} request field, which de.kherud:llama 4.2.0 passes to the native
 * server but has no setter for. Without it llama.cpp picks a slot by prompt similarity, which
 * usually but not always finds the conversation's cache, and may run two requests of one slot.
 */
final class SlotPinning {

  private static final Logger log = LoggerFactory.getLogger(SlotPinning.class);
  private static final Field PARAMETERS = parametersField();

  private SlotPinning() {}

  @SuppressWarnings("unchecked")
  static void pin(InferenceParameters parameters, int slot) {
    if (PARAMETERS == null) {
      return;
    }
    try {
      ((Map<String, String>) PARAMETERS.get(parameters)).put("id_slot", Integer.toString(slot));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Field parametersField() {
    try {
      var field = InferenceParameters.class.getSuperclass().getDeclaredField("parameters");
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn(
          "Cannot pin llama.cpp slots ({}); prompt caching falls back to similarity", e.toString());
      return null;
    }
  }
}

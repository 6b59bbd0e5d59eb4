package dev.parley.models;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where downloaded models live: system property {@code parley.models.dir}, else environment
 * variable {@code PARLEY_MODELS_DIR}, else {@code ./models} (relative to the working directory).
 */
public final class ModelsDirectory {

  public static final String PROPERTY = "parley.models.dir";
  public static final String ENV = "PARLEY_MODELS_DIR";
  public static final String DEFAULT = "./models";

  private ModelsDirectory() {}

  public static Path resolve() {
    return resolve(System.getProperties(), System.getenv());
  }

  static Path resolve(Properties properties, Map<String, String> env) {
    String fromProperty = properties.getProperty(PROPERTY);
    if (fromProperty != null && !fromProperty.isBlank()) {
      return Path.of(fromProperty);
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    return Path.of(DEFAULT);
  }

  /** The path of the default LLM's file, whether or not it has been downloaded. */
  public static Path defaultLlmFile() {
    return ModelCatalog.defaultLlm().pathIn(resolve());
  }
}

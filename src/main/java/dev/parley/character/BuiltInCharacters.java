package dev.parley.character;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The characters shipped as files, read and validated once at startup: a broken file stops the
 * server with the file name and the problem instead of failing mid-conversation.
 */
@Component
class BuiltInCharacters {

  private static final Logger log = LoggerFactory.getLogger(BuiltInCharacters.class);

  private final Map<String, CharacterDefinition> byId;

  @Autowired
  BuiltInCharacters(CharacterProperties properties) {
    this(load(properties.location()));
  }

  BuiltInCharacters(List<CharacterDefinition> characters) {
    var map = new LinkedHashMap<String, CharacterDefinition>();
    characters.stream()
        .sorted(Comparator.comparing(CharacterDefinition::id))
        .forEach(c -> map.put(c.id(), c));
    this.byId = map;
  }

  Optional<CharacterDefinition> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  List<CharacterDefinition> all() {
    return List.copyOf(byId.values());
  }

  static List<CharacterDefinition> load(String location) {
    Resource[] resources;
    try {
      resources = new PathMatchingResourcePatternResolver().getResources(location);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list character files at " + location, e);
    }
    var loaded = new LinkedHashMap<String, String>();
    var characters =
        Arrays.stream(resources)
            .map(
                resource -> {
                  var name = describe(resource);
                  var character = CharacterFile.parse(name, read(resource, name));
                  var previous = loaded.putIfAbsent(character.id(), name);
                  if (previous != null) {
                    throw new CharacterFileException(
                        name, "id '" + character.id() + "' is already used by " + previous);
                  }
                  return character;
                })
            .toList();
    log.info("Loaded {} built-in characters from {}", characters.size(), location);
    return characters;
  }

  private static String read(Resource resource, String name) {
    try (var in = resource.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CharacterFileException(name, "cannot be read: " + e.getMessage(), e);
    }
  }

  /** "characters/barista-madrid.md" rather than a long jar URL. */
  private static String describe(Resource resource) {
    try {
      var url = resource.getURL().toString();
      int at = url.lastIndexOf("characters/");
      return at >= 0 ? url.substring(at) : url;
    } catch (IOException e) {
      return String.valueOf(resource.getFilename());
    }
  }
}

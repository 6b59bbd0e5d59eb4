package dev.parley.character;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param location where built-in character files are read from at startup (a Spring resource
 *     pattern); point it at a directory, e.g. {@code file:./characters/*.md}, to ship your own set
 * @param generationMaxTokens token budget for one generated character (persona, level variants,
 *     rubric)
 * @param generationTemperature sampling temperature for generated characters
 */
@ConfigurationProperties("parley.characters")
record CharacterProperties(
    @DefaultValue("classpath*:characters/*.md") String location,
    @DefaultValue("3000") int generationMaxTokens,
    @DefaultValue("0.8") double generationTemperature) {}

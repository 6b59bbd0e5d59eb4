package dev.parley.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole server on a random port against a real PostgreSQL. Add provider properties with
 * {@code @TestPropertySource} or {@code @DynamicPropertySource}. Grammar checking loads English
 * only, on first use: each application context would otherwise spend ~35 s of CPU warming four
 * LanguageTool languages.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "parley.feedback.grammar.warm-up=false",
      "parley.feedback.grammar.languages=en"
    })
@ContextConfiguration(initializers = PostgresInitializer.class)
public @interface ParleyIntegrationTest {}

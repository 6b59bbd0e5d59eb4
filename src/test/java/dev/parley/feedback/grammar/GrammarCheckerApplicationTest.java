package dev.parley.feedback.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.character.CefrLevel;
import dev.parley.testing.ParleyIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** The server starts with the grammar checker, the bean checks, and health shows what is loaded. */
@ParleyIntegrationTest
class GrammarCheckerApplicationTest {

  @Autowired GrammarChecker checker;
  @LocalServerPort int port;

  @Test
  void theApplicationsCheckerFindsALearnersMistake() throws Exception {
    assertThat(checker).isInstanceOf(LanguageToolChecker.class);
    assertThat(checker.check("She go to school yesterday.", "en-US", CefrLevel.A2))
        .extracting(Correction::original, Correction::category)
        .containsExactly(tuple("go", MistakeCategory.SUBJECT_VERB_AGREEMENT));

    var health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    var grammar = JsonMapper.builder().build().readTree(health.body()).at("/components/grammar");
    assertThat(grammar.path("status").asString()).isEqualTo("UP");
    assertThat(grammar.at("/details/languages").toString()).isEqualTo("[\"en\"]");
    assertThat(grammar.at("/details/warmingUp").asBoolean()).isFalse();
  }
}

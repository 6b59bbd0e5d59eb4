package dev.parley.character;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.learner.Learner;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.ScriptedChatModel;
import dev.parley.testing.ScriptedLlmConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ParleyIntegrationTest
@Import(ScriptedLlmConfig.class)
class CharacterApiTest {

  private static final String SECRET_PERSONA =
      "You are Rosa, a lighthouse keeper who hides a SECRET-PERSONA-7f3a treasure map.";
  private static final String SECRET_LEVEL = "SECRET-LEVEL-91bc speak in tiny sentences.";
  private static final String SECRET_HINT = "SECRET-HINT-22de suggest asking about the map.";
  private static final String SECRET_RUBRIC = "- SECRET-RUBRIC-5e0a (0-3) finds the map";
  private static final List<String> CUSTOM_SECRETS =
      List.of("SECRET-PERSONA-7f3a", "SECRET-LEVEL-91bc", "SECRET-HINT-22de", "SECRET-RUBRIC-5e0a");
  private static final List<String> VIEW_FIELDS =
      List.of(
          "id",
          "title",
          "characterName",
          "gender",
          "voice",
          "language",
          "levels",
          "openingLine",
          "goal",
          "tags",
          "custom");

  @LocalServerPort int port;
  @Autowired ScriptedChatModel model;
  @Autowired CharacterCatalog catalog;

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private final List<String> responseBodies = new ArrayList<>();
  private String learner;

  @BeforeEach
  void newLearner() {
    learner = "learner-" + UUID.randomUUID().toString().substring(0, 8);
    model.reset();
  }

  /** Whatever a test did, no response may have revealed a prompt. */
  @AfterEach
  void noResponseRevealedAPrompt() {
    var secrets = new ArrayList<>(CUSTOM_SECRETS);
    catalog.list(Learner.LOCAL).stream()
        .filter(c -> !c.custom())
        .flatMap(
            c ->
                Stream.concat(
                    Stream.of(c.persona(), c.hintPrompt(), c.rubric()),
                    c.levelPersonas().values().stream()))
        .map(text -> text.lines().findFirst().orElseThrow())
        .map(line -> line.length() > 40 ? line.substring(0, 40) : line)
        .forEach(secrets::add);
    assertThat(secrets).contains("You are Lucía, 27, a barista at Café La ");
    for (var body : responseBodies) {
      for (var secret : secrets) {
        assertThat(body).doesNotContain(secret);
      }
    }
  }

  @Test
  void listsBuiltInCharactersAsLearnerViews() throws Exception {
    var response = send("GET", "/api/characters", null);

    assertThat(response.statusCode()).isEqualTo(200);
    var list = json.readTree(response.body());
    assertThat(list.size()).isGreaterThanOrEqualTo(8);
    for (var character : list.values()) {
      assertThat(character.propertyNames()).containsExactlyInAnyOrderElementsOf(VIEW_FIELDS);
      assertThat(character.get("custom").asBoolean()).isFalse();
    }
    assertThat(ids(list))
        .contains("barista-madrid", "landlord-berlin-heating", "job-interview-london")
        .doesNotHaveDuplicates();
  }

  @Test
  void filtersByLanguageAndTag() throws Exception {
    var german = json.readTree(send("GET", "/api/characters?language=de", null).body());
    assertThat(german.values()).isNotEmpty();
    assertThat(german.values())
        .allSatisfy(c -> assertThat(c.get("language").asString()).startsWith("de-"));
    assertThat(ids(german)).contains("landlord-berlin-heating", "doctor-receptionist-vienna");

    var mexican = json.readTree(send("GET", "/api/characters?language=es-MX", null).body());
    assertThat(ids(mexican)).containsExactly("market-vendor-oaxaca");

    var food = json.readTree(send("GET", "/api/characters?tag=food", null).body());
    assertThat(ids(food)).contains("barista-madrid").doesNotContain("job-interview-london");
  }

  @Test
  void getsOneBuiltInCharacter() throws Exception {
    var response = send("GET", "/api/characters/barista-madrid", null);

    assertThat(response.statusCode()).isEqualTo(200);
    var barista = json.readTree(response.body());
    assertThat(barista.get("characterName").asString()).isEqualTo("Lucía");
    assertThat(barista.get("language").asString()).isEqualTo("es-ES");
    assertThat(barista.get("gender").asString()).isEqualTo("female");
    assertThat(barista.get("openingLine").asString()).isEqualTo("¡Buenos días! ¿Qué te pongo?");
    assertThat(strings(barista.get("levels"))).containsExactly("A1", "A2", "B1", "B2", "C1");
    assertThat(barista.get("custom").asBoolean()).isFalse();
  }

  @Test
  void endpointsAreDocumentedInOpenApi() throws Exception {
    var response = send("GET", "/docs/openapi.json", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body()).get("paths").propertyNames())
        .contains("/api/characters", "/api/characters/{id}", "/api/characters/generate");
  }

  @Test
  void unknownIdIs404() throws Exception {
    var response = send("GET", "/api/characters/no-such-character", null);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
    assertThat(json.readTree(response.body()).get("code").asString())
        .isEqualTo("character_not_found");
  }

  @Test
  void createsReadsUpdatesAndDeletesACustomCharacter() throws Exception {
    var created = send("POST", "/api/characters", customCharacter("Rosa's lighthouse"));

    assertThat(created.statusCode()).isEqualTo(201);
    var view = json.readTree(created.body());
    var id = view.get("id").asString();
    assertThat(id).matches("custom-rosa-s-lighthouse-[a-z0-9]{8}");
    assertThat(created.headers().firstValue("Location")).hasValue("/api/characters/" + id);
    assertThat(view.propertyNames()).containsExactlyInAnyOrderElementsOf(VIEW_FIELDS);
    assertThat(view.get("custom").asBoolean()).isTrue();
    assertThat(view.get("language").asString()).isEqualTo("pt-BR");
    assertThat(strings(view.get("levels"))).containsExactly("A1", "B2");
    assertThat(strings(view.get("tags"))).containsExactly("sea", "mystery");

    var fetched = send("GET", "/api/characters/" + id, null);
    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(json.readTree(fetched.body())).isEqualTo(view);
    var stored = catalog.find(id, new Learner(learner)).orElseThrow();
    assertThat(stored.persona()).isEqualTo(SECRET_PERSONA);
    assertThat(stored.personaFor(dev.parley.character.CefrLevel.A2))
        .isEqualTo(SECRET_PERSONA + "\n\n" + SECRET_LEVEL);
    assertThat(stored.hintPrompt()).isEqualTo(SECRET_HINT);
    assertThat(stored.rubric()).isEqualTo(SECRET_RUBRIC);
    assertThat(stored.owner()).isEqualTo(learner);

    var listed = json.readTree(send("GET", "/api/characters", null).body());
    assertThat(ids(listed).getLast()).isEqualTo(id);

    var changed = customCharacter("Rosa's lighthouse");
    changed.put("title", "Rosa at dawn");
    changed.put("levelPersonas", Map.of("C1", "Speak fast."));
    var updated = send("PUT", "/api/characters/" + id, changed);
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(json.readTree(updated.body()).get("title").asString()).isEqualTo("Rosa at dawn");
    assertThat(json.readTree(updated.body()).get("id").asString()).isEqualTo(id);
    var afterUpdate = json.readTree(send("GET", "/api/characters/" + id, null).body());
    assertThat(afterUpdate.get("title").asString()).isEqualTo("Rosa at dawn");
    assertThat(strings(afterUpdate.get("levels"))).containsExactly("C1");

    assertThat(send("DELETE", "/api/characters/" + id, null).statusCode()).isEqualTo(204);
    assertThat(send("GET", "/api/characters/" + id, null).statusCode()).isEqualTo(404);
    assertThat(send("DELETE", "/api/characters/" + id, null).statusCode()).isEqualTo(404);
  }

  @Test
  void learnersSeeOnlyTheirOwnCustomCharacters() throws Exception {
    var id =
        json.readTree(send("POST", "/api/characters", customCharacter("Mine")).body())
            .get("id")
            .asString();
    var owner = learner;
    learner = "other-" + UUID.randomUUID().toString().substring(0, 8);

    var get = send("GET", "/api/characters/" + id, null);
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(json.readTree(get.body()).get("code").asString()).isEqualTo("character_not_found");
    assertThat(ids(json.readTree(send("GET", "/api/characters", null).body()))).doesNotContain(id);
    assertThat(send("PUT", "/api/characters/" + id, customCharacter("Stolen")).statusCode())
        .isEqualTo(404);
    assertThat(send("DELETE", "/api/characters/" + id, null).statusCode()).isEqualTo(404);

    learner = owner;
    var stillThere = send("GET", "/api/characters/" + id, null);
    assertThat(stillThere.statusCode()).isEqualTo(200);
    assertThat(json.readTree(stillThere.body()).get("title").asString()).isEqualTo("Mine");
  }

  @Test
  void builtInCharactersAreReadOnly() throws Exception {
    var put = send("PUT", "/api/characters/barista-madrid", customCharacter("Hijacked"));
    assertThat(put.statusCode()).isEqualTo(403);
    assertThat(json.readTree(put.body()).get("code").asString()).isEqualTo("character_read_only");

    var delete = send("DELETE", "/api/characters/barista-madrid", null);
    assertThat(delete.statusCode()).isEqualTo(403);
    assertThat(json.readTree(delete.body()).get("code").asString())
        .isEqualTo("character_read_only");
    assertThat(send("GET", "/api/characters/barista-madrid", null).statusCode()).isEqualTo(200);
  }

  @Test
  void invalidFieldsAreReportedOneByOne() throws Exception {
    var body = customCharacter("x".repeat(121));
    body.remove("characterName");
    body.put("gender", "robot");
    body.put("language", "Portuguese");
    body.put("persona", "p".repeat(8001));
    body.put("openingLine", "o".repeat(501));
    body.put("levelPersonas", Map.of("X1", "nope"));
    body.put("tags", List.of("Not A Tag"));

    var response = send("POST", "/api/characters", body);

    assertThat(response.statusCode()).isEqualTo(400);
    var problem = json.readTree(response.body());
    assertThat(problem.get("code").asString()).isEqualTo("validation_failed");
    assertThat(problem.get("fields").propertyNames())
        .containsExactly(
            "title",
            "characterName",
            "gender",
            "language",
            "persona",
            "levelPersonas.X1",
            "openingLine",
            "tags");
    assertThat(problem.get("fields").get("persona").asString()).contains("8000");
    assertThat(ids(json.readTree(send("GET", "/api/characters", null).body())))
        .noneMatch(id -> id.startsWith("custom-"));
  }

  @Test
  void malformedJsonIs400() throws Exception {
    var response =
        http.send(
            request("/api/characters")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"unclosed"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).get("code").asString())
        .isEqualTo("malformed_request");
  }

  @Test
  void generatesAndStoresACharacter() throws Exception {
    model.enqueueReply(chunks(generated("Marché aux puces", "female")));

    var response =
        send(
            "POST",
            "/api/characters/generate",
            Map.of(
                "description",
                "A flea market seller in Paris",
                "language",
                "fr-FR",
                "level",
                "B1"));

    assertThat(response.statusCode()).isEqualTo(201);
    var view = json.readTree(response.body());
    var id = view.get("id").asString();
    assertThat(id).startsWith("custom-marche-aux-puces-");
    assertThat(view.get("language").asString()).isEqualTo("fr-FR");
    assertThat(view.get("custom").asBoolean()).isTrue();
    assertThat(strings(view.get("levels"))).containsExactly("A1", "B1", "C1");
    assertThat(strings(view.get("tags"))).containsExactly("shopping", "flea-market");
    assertThat(send("GET", "/api/characters/" + id, null).statusCode()).isEqualTo(200);
    var stored = catalog.find(id, new Learner(learner)).orElseThrow();
    assertThat(stored.persona()).isEqualTo(SECRET_PERSONA);

    assertThat(model.requests()).hasSize(1);
    var request = model.requests().getFirst();
    assertThat(request.responseSchema()).isEqualTo(CharacterGenerator.SCHEMA);
    assertThat(request.responseSchema().name()).isEqualTo("character");
    assertThat(request.messages().getFirst().text()).contains("French (fr-FR)", "A1, B1 and C1");
    assertThat(request.messages().getLast().text()).isEqualTo("A flea market seller in Paris");
  }

  @Test
  void invalidGenerationIsRetriedWithTheProblem() throws Exception {
    var missingPersona = generated("Marché", "female");
    missingPersona.remove("persona");
    model.enqueueReply(chunks(missingPersona)).enqueueReply(chunks(generated("Marché", "female")));

    var response =
        send(
            "POST",
            "/api/characters/generate",
            Map.of("description", "A seller", "language", "fr-FR"));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(model.requests()).hasSize(2);
    var retry = model.requests().get(1);
    assertThat(retry.responseSchema()).isEqualTo(CharacterGenerator.SCHEMA);
    assertThat(retry.messages().getLast().text()).contains("persona is required");
  }

  @Test
  void generationInvalidTwiceIs502AndStoresNothing() throws Exception {
    model
        .enqueueReply("{\"title\": \"Half a char")
        .enqueueReply(chunks(generated("Marché", "robot")));

    var response =
        send(
            "POST",
            "/api/characters/generate",
            Map.of("description", "A seller", "language", "fr-FR"));

    assertThat(response.statusCode()).isEqualTo(502);
    var problem = json.readTree(response.body());
    assertThat(problem.get("code").asString()).isEqualTo("character_generation_invalid");
    assertThat(problem.get("detail").asString()).contains("gender must be female, male or neutral");
    assertThat(model.requests().get(1).messages().getLast().text()).contains("not valid JSON");
    assertThat(ids(json.readTree(send("GET", "/api/characters", null).body())))
        .noneMatch(id -> id.startsWith("custom-"));
  }

  @Test
  void generationRequestIsValidated() throws Exception {
    var response =
        send("POST", "/api/characters/generate", Map.of("language", "French", "level", "Z9"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).get("fields").propertyNames())
        .containsExactly("description", "language", "level");
    assertThat(model.requests()).isEmpty();
  }

  private Map<String, Object> customCharacter(String title) {
    var body = new LinkedHashMap<String, Object>();
    body.put("title", title);
    body.put("characterName", "Rosa");
    body.put("gender", "female");
    body.put("voice", "pt-BR-female-1");
    body.put("language", "pt-br");
    body.put("persona", SECRET_PERSONA);
    body.put("levelPersonas", Map.of("A1", SECRET_LEVEL, "B2", "Speak naturally."));
    body.put("openingLine", "Olá! Quem está aí?");
    body.put("hintPrompt", SECRET_HINT);
    body.put("goal", "Find out where the map is.");
    body.put("rubric", SECRET_RUBRIC);
    body.put("tags", List.of("sea", "mystery"));
    return body;
  }

  private Map<String, Object> generated(String title, String gender) {
    var body = new LinkedHashMap<String, Object>();
    body.put("title", title);
    body.put("characterName", "Madeleine");
    body.put("gender", gender);
    body.put("persona", SECRET_PERSONA);
    body.put(
        "levels",
        List.of(
            Map.of("level", "A1", "instructions", SECRET_LEVEL),
            Map.of("level", "B1", "instructions", "Speak simply."),
            Map.of("level", "C1", "instructions", "Speak fast.")));
    body.put("openingLine", "Bonjour ! Vous cherchez quelque chose ?");
    body.put("hintPrompt", SECRET_HINT);
    body.put("goal", "Buy a lamp for less than 20 euros.");
    body.put("rubric", SECRET_RUBRIC);
    body.put("tags", List.of("Shopping", "flea market"));
    return body;
  }

  /** The JSON text split in a few pieces, as a model streams it. */
  private String[] chunks(Object value) {
    var text = json.writeValueAsString(value);
    int third = text.length() / 3;
    return new String[] {
      text.substring(0, third), text.substring(third, 2 * third), text.substring(2 * third)
    };
  }

  private HttpResponse<String> send(String method, String path, Object body) throws Exception {
    var publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
    var builder = request(path).method(method, publisher);
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    responseBodies.add(response.body());
    return response;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("X-Parley-Learner", learner);
  }

  private static List<String> ids(JsonNode list) {
    return list.values().stream().map(c -> c.get("id").asString()).toList();
  }

  private static List<String> strings(JsonNode array) {
    return array.values().stream().map(JsonNode::asString).toList();
  }
}

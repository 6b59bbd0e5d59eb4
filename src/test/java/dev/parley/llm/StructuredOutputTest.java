package dev.parley.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.ScriptedChatModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StructuredOutputTest {

  record Person(String name, int age) {}

  private static final ResponseSchema SCHEMA =
      new ResponseSchema("person", "{\"type\":\"object\"}");
  private final ScriptedChatModel model = new ScriptedChatModel();
  private final JsonMapper json = JsonMapper.builder().build();
  private final ChatRequest request =
      ChatRequest.of(
          List.of(ChatMessage.system("Invent people."), ChatMessage.user("One, please")));

  private Person parse(String text) {
    var person = json.readValue(text, Person.class);
    if (person.age() < 0) {
      throw new StructuredOutput.InvalidOutputException("age must not be negative");
    }
    return person;
  }

  @Test
  void validFirstReplyIsReturnedWithoutRetry() {
    model.enqueueReply("{\"name\":", "\"Ana\",\"age\":31}");

    var person = StructuredOutput.complete(model, request, SCHEMA, this::parse);

    assertThat(person).isEqualTo(new Person("Ana", 31));
    assertThat(model.requests()).hasSize(1);
    assertThat(model.requests().getFirst().responseSchema()).isEqualTo(SCHEMA);
    assertThat(model.requests().getFirst().messages()).isEqualTo(request.messages());
  }

  @Test
  void invalidReplyIsRetriedOnceWithWhatWasWrong() {
    model
        .enqueueReply("{\"name\":\"Ana\",\"age\":-4}")
        .enqueueReply("{\"name\":\"Ana\",\"age\":4}");

    var person = StructuredOutput.complete(model, request, SCHEMA, this::parse);

    assertThat(person).isEqualTo(new Person("Ana", 4));
    var retry = model.requests().get(1);
    assertThat(retry.responseSchema()).isEqualTo(SCHEMA);
    assertThat(retry.messages()).startsWith(request.messages().toArray(ChatMessage[]::new));
    assertThat(retry.messages().get(2))
        .isEqualTo(ChatMessage.assistant("{\"name\":\"Ana\",\"age\":-4}"));
    assertThat(retry.messages().get(3).role()).isEqualTo(ChatMessage.Role.USER);
    assertThat(retry.messages().get(3).text()).contains("age must not be negative");
  }

  @Test
  void unparsableJsonIsDescribedToTheModel() {
    model.enqueueReply("Sure! Here is a person: Ana").enqueueReply("{\"name\":\"Ana\",\"age\":2}");

    StructuredOutput.complete(model, request, SCHEMA, this::parse);

    assertThat(model.requests().get(1).messages().getLast().text()).contains("not valid JSON");
  }

  @Test
  void invalidTwiceFailsWithInvalidOutput() {
    model.enqueueReply("{\"name\":\"Ana\",\"age\":-1}").enqueueReply("not json");

    assertThatThrownBy(() -> StructuredOutput.complete(model, request, SCHEMA, this::parse))
        .isInstanceOf(LlmException.class)
        .hasMessageContaining("'person' output was invalid twice")
        .hasMessageContaining("not valid JSON")
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(LlmErrorCode.INVALID_OUTPUT);
    assertThat(model.requests()).hasSize(2);
  }

  @Test
  void jsonInACodeFenceIsAccepted() {
    model.enqueueReply("```json\n{\"name\":\"Bo\",\"age\":7}\n```");

    assertThat(StructuredOutput.complete(model, request, SCHEMA, this::parse))
        .isEqualTo(new Person("Bo", 7));
  }

  @Test
  void providerFailuresAreNotRetried() {
    model.enqueueFailure(LlmErrorCode.PROVIDER_UNAVAILABLE);

    assertThatThrownBy(() -> StructuredOutput.complete(model, request, SCHEMA, this::parse))
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(LlmErrorCode.PROVIDER_UNAVAILABLE);
    assertThat(model.requests()).hasSize(1);
  }
}

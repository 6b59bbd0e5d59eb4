package dev.parley.llm;

/** Receives a streamed reply. Calls for one stream never overlap. */
public interface ChatListener {

  void onToken(String text);

  void onComplete(ChatResult result);

  void onError(LlmException error);
}

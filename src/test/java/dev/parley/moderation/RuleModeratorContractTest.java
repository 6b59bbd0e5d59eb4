package dev.parley.moderation;

class RuleModeratorContractTest extends ModeratorContractTest {

  private static final RuleModerator RULES = RuleModerator.builtIn();

  @Override
  protected Moderator moderator() {
    return RULES;
  }

  @Override
  protected void providerFlags(String fragment, ModerationCategory category) {
    // The lists already hold the phrases the contract uses.
  }
}

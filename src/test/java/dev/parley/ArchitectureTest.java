package dev.parley;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module boundaries described in ARCHITECTURE.md. */
@AnalyzeClasses(packages = "dev.parley", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule featuresHaveNoCycles =
      slices().matching("dev.parley.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule llmKnowsNoFeature =
      noClasses()
          .that()
          .resideInAPackage("dev.parley.llm..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.parley.character..", "dev.parley.conversation..", "dev.parley.learner..");

  @ArchTest
  static final ArchRule modelsStandAlone =
      noClasses()
          .that()
          .resideInAPackage("dev.parley.models..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.parley.character..",
              "dev.parley.conversation..",
              "dev.parley.learner..",
              "dev.parley.llm..",
              "dev.parley.web..");

  @ArchTest
  static final ArchRule charactersDoNotKnowConversations =
      noClasses()
          .that()
          .resideInAPackage("dev.parley.character..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.parley.conversation..");

  @ArchTest
  static final ArchRule voiceComponentsKnowNoConversation =
      noClasses()
          .that()
          .resideInAPackage("dev.parley.voice..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.parley.conversation..",
              "dev.parley.llm..",
              "dev.parley.learner..",
              "dev.parley.web..");

  /** Infrastructure under both the LLM and the speech adapters: it knows neither. */
  @ArchTest
  static final ArchRule httpIsPlainInfrastructure =
      classes()
          .that()
          .resideInAPackage("dev.parley.http..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("dev.parley.http..", "java..", "javax..");

  @ArchTest
  static final ArchRule theChatModelApiIsPlainJava =
      noClasses()
          .that()
          .resideInAPackage("dev.parley.llm")
          .and()
          .haveSimpleNameStartingWith("Chat")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.springframework..");
}

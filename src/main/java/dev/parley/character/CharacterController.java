package dev.parley.character;

import dev.parley.learner.Learner;
import dev.parley.web.ProblemHandler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/characters")
@Tag(name = "Characters", description = "Built-in characters and the learner's own")
class CharacterController {

  private final DefaultCharacterCatalog catalog;
  private final CharacterGenerator generator;

  CharacterController(DefaultCharacterCatalog catalog, CharacterGenerator generator) {
    this.catalog = catalog;
    this.generator = generator;
  }

  @GetMapping
  @Operation(summary = "Built-in characters, then the learner's custom ones")
  List<CharacterView> list(
      @RequestParam(required = false) String language,
      @RequestParam(required = false) String tag,
      Learner learner) {
    return catalog.list(learner, language, tag).stream().map(CharacterView::of).toList();
  }

  @GetMapping("/{id}")
  CharacterView get(@PathVariable String id, Learner learner) {
    return catalog
        .find(id, learner)
        .map(CharacterView::of)
        .orElseThrow(() -> DefaultCharacterCatalog.notFound(id));
  }

  @PostMapping
  @Operation(summary = "Create a custom character")
  ResponseEntity<CharacterView> create(@RequestBody CharacterDraft draft, Learner learner) {
    requireValid(draft);
    return created(catalog.create(draft, learner));
  }

  @PutMapping("/{id}")
  @Operation(summary = "Replace one of the learner's custom characters")
  CharacterView update(
      @PathVariable String id, @RequestBody CharacterDraft draft, Learner learner) {
    requireValid(draft);
    return CharacterView.of(catalog.update(id, draft, learner));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id, Learner learner) {
    catalog.delete(id, learner);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/generate")
  @Operation(summary = "Write a custom character with the LLM from a description")
  ResponseEntity<CharacterView> generate(
      @RequestBody GenerateCharacterRequest request, Learner learner) {
    var errors = request.validate();
    if (!errors.isEmpty()) {
      throw new CharacterValidationException(errors);
    }
    return created(catalog.create(generator.generate(request), learner));
  }

  @ExceptionHandler(CharacterValidationException.class)
  ProblemDetail handleInvalid(CharacterValidationException e) {
    var problem =
        ProblemHandler.problem(
            HttpStatus.BAD_REQUEST, "validation_failed", "Request fields are invalid");
    problem.setProperty("fields", e.fields());
    return problem;
  }

  private static void requireValid(CharacterDraft draft) {
    var errors = draft.validate();
    if (!errors.isEmpty()) {
      throw new CharacterValidationException(errors);
    }
  }

  private static ResponseEntity<CharacterView> created(CharacterDefinition character) {
    return ResponseEntity.created(URI.create("/api/characters/" + character.id()))
        .body(CharacterView.of(character));
  }
}

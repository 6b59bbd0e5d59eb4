package dev.parley.character;

/** A built-in character file that cannot be used; the message names the file and the problem. */
class CharacterFileException extends IllegalStateException {

  CharacterFileException(String file, String problem) {
    super("Character file " + file + ": " + problem);
  }

  CharacterFileException(String file, String problem, Throwable cause) {
    super("Character file " + file + ": " + problem, cause);
  }
}

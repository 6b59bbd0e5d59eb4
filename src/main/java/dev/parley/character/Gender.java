package dev.parley.character;

public enum Gender {
  FEMALE,
  MALE,
  NEUTRAL
}

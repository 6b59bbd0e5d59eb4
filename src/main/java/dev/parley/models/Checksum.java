package dev.parley.models;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/** An expected file digest, as lowercase hex. */
public record Checksum(HashAlgorithm algorithm, String hex) {

  public Checksum {
    Objects.requireNonNull(algorithm, "algorithm");
    hex = hex.toLowerCase(Locale.ROOT);
    HexFormat.of().parseHex(hex);
  }

  public static Checksum sha256(String hex) {
    return new Checksum(HashAlgorithm.SHA256, hex);
  }

  public static Checksum sha1(String hex) {
    return new Checksum(HashAlgorithm.SHA1, hex);
  }

  @Override
  public String toString() {
    return algorithm.label() + ":" + hex;
  }
}

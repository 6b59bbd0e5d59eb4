package dev.parley.models;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Digest algorithms a catalog checksum can use. */
public enum HashAlgorithm {
  SHA256("SHA-256", "sha256"),
  SHA1("SHA-1", "sha1");

  private final String jcaName;
  private final String label;

  HashAlgorithm(String jcaName, String label) {
    this.jcaName = jcaName;
    this.label = label;
  }

  public String label() {
    return label;
  }

  MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides " + jcaName, e);
    }
  }
}

package org.runningcoach.support.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 96-bit random nonce and a 128-bit tag, in one self-describing format:
 * {@code [format 0x01][key version, 4 bytes big-endian][nonce, 12 bytes][ciphertext + tag]}.
 * The key version says which of an athlete's data keys sealed it, so a new key can be used for
 * new writes while older records still open with theirs. The associated data binds a ciphertext
 * to its place (athlete, table, record): copied into another row or to another athlete it no
 * longer opens.
 */
public final class Aead {

  public static final byte FORMAT = 0x01;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int HEADER = 1 + 4 + NONCE_BYTES;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Aead() {}

  /** Associated data of a stored value: who it belongs to, in which table and record. */
  public static byte[] aad(String owner, String table, String recordId) {
    // NUL never occurs in ids or table names, so the three parts cannot run into each other.
    return (owner + '\0' + table + '\0' + recordId).getBytes(StandardCharsets.UTF_8);
  }

  public static SecretKey newKey() {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256, RANDOM);
      return generator.generateKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256 is not available in this JVM", e);
    }
  }

  public static SecretKey key(byte[] raw) {
    if (raw.length != 32) {
      throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + raw.length);
    }
    return new SecretKeySpec(raw, "AES");
  }

  public static byte[] seal(SecretKey key, int keyVersion, byte[] aad, byte[] plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(HEADER + sealed.length)
          .put(FORMAT).putInt(keyVersion).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /** The data key version a sealed value names. */
  public static int keyVersion(byte[] sealed) {
    if (sealed.length < HEADER + TAG_BITS / 8 || sealed[0] != FORMAT) {
      throw new UndecryptableException("not a sealed value of format " + FORMAT);
    }
    return ByteBuffer.wrap(sealed, 1, 4).getInt();
  }

  /** The plaintext, or {@link UndecryptableException} for a wrong key, wrong associated data or any changed byte. */
  public static byte[] open(SecretKey key, byte[] aad, byte[] sealed) {
    keyVersion(sealed);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 5, NONCE_BYTES));
      cipher.updateAAD(aad);
      return cipher.doFinal(sealed, HEADER, sealed.length - HEADER);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new UndecryptableException("the value does not open with this key and associated data");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  /** A value that cannot be opened: tampered, moved, or its key is gone (the athlete's data was erased). */
  public static final class UndecryptableException extends RuntimeException {
    public UndecryptableException(String message) {
      super(message);
    }
  }
}

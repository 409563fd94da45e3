package org.runningcoach.support.crypto;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.runningcoach.support.crypto.Aead.UndecryptableException;

/**
 * The athletes' data keys of one service, kept in its schema's {@code athlete_key} table wrapped
 * (AES-GCM) by the master key from {@code runningcoach.encryption.master-key}. Each athlete
 * has their own key, so deleting the athlete's rows (Delete My Data deletes every table with an
 * athlete_id, this one included) makes every copy of their ciphertext left in backups unreadable.
 *
 * <p>Rotation: a data key is rotated by inserting a higher {@code key_version} for the athlete:
 * new writes use the highest version, old records name theirs in their header. The master key is
 * rotated by setting the new key as {@code master-key} and the old one as
 * {@code previous-master-key}: a data key that only the previous key unwraps is re-wrapped with
 * the new one when it is next used; once every row has been re-wrapped the previous key can go.
 * Keys are never cached, so an erased athlete's key is gone at once.
 */
@ApplicationScoped
public class DataKeys {

  private static final String TABLE = "athlete_key";

  private final Optional<String> masterKey;
  private final Optional<String> previousMasterKey;

  public DataKeys(
      @ConfigProperty(name = "runningcoach.encryption.master-key") Optional<String> masterKey,
      @ConfigProperty(name = "runningcoach.encryption.previous-master-key") Optional<String> previousMasterKey) {
    this.masterKey = masterKey;
    this.previousMasterKey = previousMasterKey;
  }

  /** Seals new values of one owner (an athlete id) with their current data key, creating it on first use. */
  public record Sealer(String owner, int version, SecretKey key) {
    public byte[] seal(String table, Object recordId, byte[] plaintext) {
      return plaintext == null ? null : Aead.seal(key, version, Aead.aad(owner, table, recordId.toString()), plaintext);
    }

    /** The sealed text as a value for a {@code bytea} parameter (null stays null). */
    public io.vertx.core.buffer.Buffer sealText(String table, Object recordId, String text) {
      return text == null ? null
          : io.vertx.core.buffer.Buffer.buffer(seal(table, recordId, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
  }

  /** Opens values of one owner with whichever of their data keys sealed them. */
  public record KeyRing(String owner, Map<Integer, SecretKey> keys) {
    public byte[] open(String table, Object recordId, byte[] sealed) {
      if (sealed == null) {
        return null;
      }
      SecretKey key = keys.get(Aead.keyVersion(sealed));
      if (key == null) {
        throw new UndecryptableException("no data key " + Aead.keyVersion(sealed) + " for this athlete (erased?)");
      }
      return Aead.open(key, Aead.aad(owner, table, recordId.toString()), sealed);
    }

    /** A {@code bytea} column's value (as the row gives it) opened as text; null stays null. */
    public String openText(String table, Object recordId, Buffer sealed) {
      return sealed == null ? null
          : new String(open(table, recordId, sealed.getBytes()), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** The owner's current data key; a new one (version 1) is created when they have none. */
  public Uni<Sealer> forWriting(SqlClient db, String owner) {
    return current(db, owner).flatMap(found -> {
      if (found != null) {
        return Uni.createFrom().item(found);
      }
      SecretKey key = Aead.newKey();
      // Two first writes at once: one insert wins, both then use the stored key.
      return db.preparedQuery("INSERT INTO " + TABLE + " (athlete_id, key_version, wrapped_key, created_at) "
              + "VALUES ($1, 1, $2, now()) ON CONFLICT DO NOTHING")
          .execute(Tuple.of(owner, io.vertx.core.buffer.Buffer.buffer(wrap(master(), owner, 1, key))))
          .flatMap(inserted -> current(db, owner));
    });
  }

  /** Every data key of the owner; empty when they have none (never written, or erased). */
  public Uni<KeyRing> forReading(SqlClient db, String owner) {
    return ring(db, owner, true);
  }

  /** As {@link #forReading}, inside a read-only transaction: keys under the previous master key stay as they are. */
  public Uni<KeyRing> forReadingOnly(SqlClient db, String owner) {
    return ring(db, owner, false);
  }

  private Uni<KeyRing> ring(SqlClient db, String owner, boolean rewrap) {
    return db.preparedQuery("SELECT key_version, wrapped_key FROM " + TABLE + " WHERE athlete_id = $1")
        .execute(Tuple.of(owner))
        .flatMap(rows -> {
          Map<Integer, SecretKey> keys = new HashMap<>();
          Uni<Void> rewraps = Uni.createFrom().voidItem();
          for (Row row : rows) {
            int version = row.getInteger("key_version");
            byte[] wrapped = row.getBuffer("wrapped_key").getBytes();
            keys.put(version, unwrap(owner, version, wrapped));
            if (rewrap && !opensWith(master(), owner, version, wrapped)) {
              rewraps = rewraps.flatMap(done -> rewrap(db, owner, version, keys.get(version)));
            }
          }
          return rewraps.replaceWith(new KeyRing(owner, Map.copyOf(keys)));
        });
  }

  /** Creates a new data key version for the owner: later writes use it, older values keep opening. */
  public Uni<Integer> rotate(SqlClient db, String owner) {
    return db.preparedQuery("SELECT coalesce(max(key_version), 0) + 1 AS v FROM " + TABLE + " WHERE athlete_id = $1")
        .execute(Tuple.of(owner))
        .flatMap(rows -> {
          int next = rows.iterator().next().getInteger("v");
          return db.preparedQuery("INSERT INTO " + TABLE + " (athlete_id, key_version, wrapped_key, created_at) "
                  + "VALUES ($1, $2, $3, now())")
              .execute(Tuple.of(owner, next, io.vertx.core.buffer.Buffer.buffer(wrap(master(), owner, next, Aead.newKey()))))
              .replaceWith(next);
        });
  }

  private Uni<Sealer> current(SqlClient db, String owner) {
    return db.preparedQuery("SELECT key_version, wrapped_key FROM " + TABLE
            + " WHERE athlete_id = $1 ORDER BY key_version DESC LIMIT 1")
        .execute(Tuple.of(owner))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row row = rows.iterator().next();
          int version = row.getInteger("key_version");
          return new Sealer(owner, version, unwrap(owner, version, row.getBuffer("wrapped_key").getBytes()));
        });
  }

  private Uni<Void> rewrap(SqlClient db, String owner, int version, SecretKey key) {
    return db.preparedQuery("UPDATE " + TABLE + " SET wrapped_key = $3 WHERE athlete_id = $1 AND key_version = $2")
        .execute(Tuple.of(owner, version, io.vertx.core.buffer.Buffer.buffer(wrap(master(), owner, version, key))))
        .replaceWithVoid();
  }

  private static byte[] wrap(SecretKey master, String owner, int version, SecretKey key) {
    return Aead.seal(master, 0, Aead.aad(owner, TABLE, Integer.toString(version)), key.getEncoded());
  }

  private SecretKey unwrap(String owner, int version, byte[] wrapped) {
    byte[] aad = Aead.aad(owner, TABLE, Integer.toString(version));
    try {
      return Aead.key(Aead.open(master(), aad, wrapped));
    } catch (UndecryptableException e) {
      if (previousMasterKey.isEmpty()) {
        throw e;
      }
      return Aead.key(Aead.open(decode("runningcoach.encryption.previous-master-key", previousMasterKey.get()), aad, wrapped));
    }
  }

  private static boolean opensWith(SecretKey master, String owner, int version, byte[] wrapped) {
    try {
      Aead.open(master, Aead.aad(owner, TABLE, Integer.toString(version)), wrapped);
      return true;
    } catch (UndecryptableException e) {
      return false;
    }
  }

  /** Fails when the master key is missing or malformed: call it at start in a service that seals. */
  public void requireMasterKey() {
    master();
  }

  SecretKey master() {
    return decode("runningcoach.encryption.master-key", masterKey.orElseThrow(() -> new IllegalStateException(
        "runningcoach.encryption.master-key is not set: give the base64 of 32 random bytes "
            + "(openssl rand -base64 32), from a Secret in production")));
  }

  private static SecretKey decode(String property, String base64) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(property + " is not base64", e);
    }
    if (raw.length != 32) {
      throw new IllegalStateException(property + " must be the base64 of 32 bytes (AES-256), not " + raw.length);
    }
    return Aead.key(raw);
  }
}

package org.runningcoach.support.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.runningcoach.support.crypto.Aead.UndecryptableException;

class AeadTest {

  private static final byte[] NOTE = "knee hurts after the long run".getBytes(StandardCharsets.UTF_8);
  private final SecretKey athleteKey = Aead.newKey();
  private final byte[] aad = Aead.aad("athlete-a", "checkin", "1f6e0c9e-3c1b-4d43-a2a4-98b0b4b7b0a1");

  @Test
  void aSealedNoteOpensWithTheSameKeyAndPlace() {
    byte[] sealed = Aead.seal(athleteKey, 3, aad, NOTE);

    assertThat(Aead.open(athleteKey, aad, sealed)).isEqualTo(NOTE);
    assertThat(Aead.keyVersion(sealed)).isEqualTo(3);
    assertThat(sealed[0]).isEqualTo(Aead.FORMAT);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("knee");
  }

  @Test
  void sealingTheSameNoteTwiceGivesDifferentBytes() {
    assertThat(Aead.seal(athleteKey, 1, aad, NOTE)).isNotEqualTo(Aead.seal(athleteKey, 1, aad, NOTE));
  }

  @Test
  void aNoteMovedToAnotherRecordTableOrAthleteDoesNotOpen() {
    byte[] sealed = Aead.seal(athleteKey, 1, aad, NOTE);

    assertThatThrownBy(() -> Aead.open(athleteKey, Aead.aad("athlete-b", "checkin", "1f6e0c9e-3c1b-4d43-a2a4-98b0b4b7b0a1"), sealed))
        .isInstanceOf(UndecryptableException.class);
    assertThatThrownBy(() -> Aead.open(athleteKey, Aead.aad("athlete-a", "life_event", "1f6e0c9e-3c1b-4d43-a2a4-98b0b4b7b0a1"), sealed))
        .isInstanceOf(UndecryptableException.class);
    assertThatThrownBy(() -> Aead.open(athleteKey, Aead.aad("athlete-a", "checkin", "00000000-0000-0000-0000-000000000000"), sealed))
        .isInstanceOf(UndecryptableException.class);
  }

  @Test
  void anyChangedByteIsRefused() {
    byte[] sealed = Aead.seal(athleteKey, 1, aad, NOTE);
    for (int i = 5; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= 0x01;
      assertThatThrownBy(() -> Aead.open(athleteKey, aad, tampered)).as("byte %d", i)
          .isInstanceOf(UndecryptableException.class);
    }
  }

  @Test
  void anotherAthletesKeyDoesNotOpenIt() {
    byte[] sealed = Aead.seal(athleteKey, 1, aad, NOTE);

    assertThatThrownBy(() -> Aead.open(Aead.newKey(), aad, sealed)).isInstanceOf(UndecryptableException.class);
  }

  @Test
  void anUnknownFormatOrATruncatedValueIsRefused() {
    byte[] sealed = Aead.seal(athleteKey, 1, aad, NOTE);
    byte[] otherFormat = sealed.clone();
    otherFormat[0] = 0x02;

    assertThatThrownBy(() -> Aead.open(athleteKey, aad, otherFormat)).isInstanceOf(UndecryptableException.class);
    assertThatThrownBy(() -> Aead.open(athleteKey, aad, java.util.Arrays.copyOf(sealed, 20)))
        .isInstanceOf(UndecryptableException.class);
  }
}

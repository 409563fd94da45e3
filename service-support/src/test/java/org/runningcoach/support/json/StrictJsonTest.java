package org.runningcoach.support.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

  record Note(String notes, List<String> tags, int count) {}

  record When(java.time.OffsetDateTime at, java.time.LocalDate day) {}

  static ObjectMapper strict() {
    ObjectMapper mapper = new ObjectMapper();
    new StrictJson().customize(mapper);
    return mapper;
  }

  @Test
  void textWithANulCharacterIsRefusedNamingTheField() {
    assertThatThrownBy(() -> strict().readValue("{\"notes\":\"a\\u0000b\",\"tags\":[],\"count\":1}", Note.class))
        .isInstanceOf(JsonMappingException.class)
        .hasMessageContaining("U+0000")
        .satisfies(e -> assertThat(((JsonMappingException) e).getPath().get(0).getFieldName()).isEqualTo("notes"));
    assertThatThrownBy(() -> strict().readValue("{\"notes\":\"a\",\"tags\":[\"x\\u0000\"],\"count\":1}", Note.class))
        .isInstanceOf(JsonMappingException.class);
  }

  @Test
  void ordinaryTextIsReadButANumberIsNotText() throws Exception {
    assertThat(strict().readValue("{\"notes\":\"Ünïcødé 🏃\",\"tags\":[\"a\"],\"count\":2}", Note.class).notes())
        .isEqualTo("Ünïcødé 🏃");
    assertThatThrownBy(() -> strict().readValue("{\"notes\":3,\"tags\":[],\"count\":1}", Note.class))
        .isInstanceOf(JsonMappingException.class);
  }

  @Test
  void timesAreIsoTextNotNumbers() throws Exception {
    ObjectMapper mapper = strict().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
    assertThat(mapper.readValue("{\"at\":\"2026-01-01T07:00:00+02:00\",\"day\":\"2026-01-01\"}", When.class).day())
        .isEqualTo(java.time.LocalDate.of(2026, 1, 1));
    assertThatThrownBy(() -> mapper.readValue("{\"at\":12345,\"day\":\"2026-01-01\"}", When.class))
        .isInstanceOf(JsonMappingException.class);
    assertThatThrownBy(() -> mapper.readValue("{\"at\":\"2026-01-01T07:00:00Z\",\"day\":[2026,1,1]}", When.class))
        .isInstanceOf(JsonMappingException.class);
  }
}

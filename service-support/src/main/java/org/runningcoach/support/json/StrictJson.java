package org.runningcoach.support.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Client requests are read strictly: a field the request does not name, text where a number is
 * expected ("3" for 3), a number or boolean where text is expected (3 for "3"), a fraction for a
 * whole number (3.7 for 3) or a null for a required number is a 400 naming the field, never
 * silently coerced. A key given twice is a 400 too (one reader taking the first and another the
 * last is how injected JSON slips past checks). Nesting and string length are bounded. Text may
 * not contain U+0000: PostgreSQL cannot store it in text or jsonb, so it would fail at the insert
 * as a 500. Vendor webhook records opt out of unknown-field rejection with
 * {@code @JsonIgnoreProperties(ignoreUnknown = true)}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(32)
        .maxStringLength(1_000_000)
        .maxNumberLength(64)
        .build());
    SimpleModule strict = new SimpleModule("runningcoach-strict-text");
    strict.addDeserializer(String.class, new NoNulString());
    strict.setDeserializerModifier(new com.fasterxml.jackson.databind.deser.BeanDeserializerModifier() {
      @Override
      public com.fasterxml.jackson.databind.JsonDeserializer<?> modifyDeserializer(
          com.fasterxml.jackson.databind.DeserializationConfig config, com.fasterxml.jackson.databind.BeanDescription desc,
          com.fasterxml.jackson.databind.JsonDeserializer<?> deserializer) {
        Class<?> type = desc.getBeanClass();
        boolean time = type == java.time.OffsetDateTime.class || type == java.time.Instant.class
            || type == java.time.ZonedDateTime.class || type == java.time.LocalDateTime.class || type == java.time.LocalDate.class;
        return time ? new TextOnlyTime(deserializer) : deserializer;
      }
    });
    mapper.registerModule(strict);
  }

  /**
   * Dates and times are ISO-8601 text only: 12345 would otherwise be read as seconds since 1970
   * (or days, or an array of fields), a guess no client means.
   */
  static final class TextOnlyTime extends com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer {
    TextOnlyTime(com.fasterxml.jackson.databind.JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected com.fasterxml.jackson.databind.JsonDeserializer<?> newDelegatingInstance(
        com.fasterxml.jackson.databind.JsonDeserializer<?> delegate) {
      return new TextOnlyTime(delegate);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
        return ctxt.handleUnexpectedToken(handledType(), p);
      }
      return super.deserialize(p, ctxt);
    }
  }

  /** Text fields take JSON strings only (not 3 or true) and refuse U+0000. */
  static final class NoNulString extends StdScalarDeserializer<String> {
    NoNulString() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
        return (String) ctxt.handleUnexpectedToken(String.class, p); // 3 or true for a text field: a 400
      }
      String s = StringDeserializer.instance.deserialize(p, ctxt);
      if (s != null && s.indexOf(0) >= 0) {
        throw JsonMappingException.from(p, "contains the character U+0000 (NUL), which text cannot hold");
      }
      return s;
    }
  }
}

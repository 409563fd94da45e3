package org.runningcoach.support.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Client requests are read strictly: a field the request does not name, a number where text is
 * expected ("3" for 3), a fraction for a whole number (3.7 for 3) or a null for a required
 * number is a 400 naming the field, never silently coerced. A key given twice is a 400 too (one
 * reader taking the first and another the last is how injected JSON slips past checks). Nesting and string length are
 * bounded. Vendor webhook records opt out of unknown-field rejection with
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
  }
}

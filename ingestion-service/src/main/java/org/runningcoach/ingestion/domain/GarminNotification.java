package org.runningcoach.ingestion.domain;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A Garmin notification body, {@code {"<summaryType>":[{...}, ...], ...}}, split into its
 * summaries. Nothing in a summary is required: an item without a userId cannot be attributed
 * and is skipped; empty objects (the spec's ping example has one) are skipped too.
 */
public final class GarminNotification {

  /** Lenient on purpose: vendor data is read as sent, unknown fields ignored. */
  static final ObjectMapper VENDOR_JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, true)
      // A body with anything after its JSON value (two bodies glued together, a stray brace) is refused whole.
      .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

  /** One item of a list read from a stream: the parser goes on past it (the body's end is checked by read). */
  private static final ObjectReader ITEM =
      VENDOR_JSON.readerFor(ObjectNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public static final String DEREGISTRATIONS = "deregistrations";
  public static final String ACTIVITIES = "activities";
  public static final String PERMISSIONS_CHANGE = "userPermissionsChange";

  /**
   * One summary. {@code dedupeKey} follows Garmin's update rule (same user + type + start time
   * = the same record, latest wins); without a start time the summaryId, else the content.
   * {@code callbackUrl} is set for a ping (the data must be fetched).
   */
  public record Summary(String type, String userId, String dedupeKey, ObjectNode payload, String contentHash,
      String callbackUrl, String payloadJson) {

    public boolean isPing() {
      return callbackUrl != null;
    }
  }

  private GarminNotification() {}

  /** Parses a notification body; malformed JSON or a body that is not an object throws. */
  public static List<Summary> parse(byte[] body) throws IOException {
    List<Summary> summaries = new ArrayList<>();
    read(new ByteArrayInputStream(body), summaries::add);
    return summaries;
  }

  /** What {@link #read} hands each summary to, in body order. */
  @FunctionalInterface
  public interface SummarySink {
    void accept(Summary summary) throws IOException;
  }

  /**
   * Reads a notification body from a stream, one summary at a time, so a body of any size is read
   * in the memory of its largest summary. The whole body is checked as it goes: a body that is not
   * an object of summary lists, an item that is not an object, U+0000 anywhere (jsonb cannot store
   * it) or anything after the object throws, after the summaries before it were handed on; a
   * caller that must store nothing of a bad body first reads it with no sink (null), which only checks.
   */
  public static void read(InputStream body, SummarySink sink) throws IOException {
    try (JsonParser parser = VENDOR_JSON.getFactory().createParser(body)) {
      JsonToken token = parser.nextToken();
      if (token != JsonToken.START_OBJECT) {
        throw new NotANotification("a Garmin notification is a JSON object of summary lists, e.g. {\"dailies\":[...]}");
      }
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String type = parser.currentName();
        if (type.indexOf(0) >= 0) {
          throw nul();
        }
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          throw new NotANotification("'" + type + "' must be a list of summaries, e.g. {\"dailies\":[{...}]}");
        }
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
          if (token != JsonToken.START_OBJECT) {
            throw new NotANotification("each item of '" + type + "' must be a summary object");
          }
          ObjectNode item = ITEM.readValue(parser);
          if (holdsNul(item)) {
            throw nul();
          }
          if (sink != null) {
            Summary summary = item(type, item);
            if (summary != null) {
              sink.accept(summary);
            }
          }
        }
      }
      if (token != JsonToken.END_OBJECT) {
        throw new NotANotification("the notification is not a complete JSON object");
      }
      if (parser.nextToken() != null) {
        // Two bodies glued together, a stray brace: refused whole.
        throw new NotANotification("the body holds something after the notification's JSON object");
      }
    }
  }

  private static NotANotification nul() {
    return new NotANotification("the notification holds the character U+0000 (NUL), which cannot be stored");
  }

  /** A summary as kept in the inbox, read back (to announce it once its Garmin user is linked). */
  public static Summary stored(String type, String userId, String dedupeKey, String payloadJson, String contentHash)
      throws IOException {
    JsonNode node = VENDOR_JSON.readTree(payloadJson);
    if (node == null || !node.isObject()) {
      throw new NotANotification("a stored summary is a JSON object");
    }
    return new Summary(type, userId, dedupeKey, (ObjectNode) node, contentHash, null, payloadJson);
  }

  /** What a ping's callbackURL answers: a bare JSON array of summaries of the pinged type. */
  public static List<Summary> parsePulled(String type, byte[] body) throws IOException {
    JsonNode root = VENDOR_JSON.readTree(body);
    if (root == null) {
      return List.of();
    }
    if (holdsNul(root)) {
      throw new NotANotification("the pulled data holds the character U+0000 (NUL), which cannot be stored");
    }
    if (root.isObject() && root.has(type)) {
      root = root.get(type);
    }
    if (!root.isArray()) {
      throw new NotANotification("a Garmin callback answers a JSON array of " + type);
    }
    return items(type, root).stream().filter(s -> !s.isPing()).toList();
  }

  private static List<Summary> items(String type, JsonNode array) throws NotANotification {
    List<Summary> out = new ArrayList<>();
    for (JsonNode item : array) {
      if (!item.isObject()) {
        throw new NotANotification("each item of '" + type + "' must be a summary object");
      }
      Summary summary = item(type, (ObjectNode) item);
      if (summary != null) {
        out.add(summary);
      }
    }
    return out;
  }

  /** One item as a summary, or null for an item without a userId (Garmin's own {} in ping lists). */
  private static Summary item(String type, ObjectNode payload) {
    if (!payload.hasNonNull("userId") || !payload.get("userId").isValueNode()) {
      return null;
    }
    String userId = payload.get("userId").asText();
    // Serialised once: hashed here, sealed into the inbox later (an Activity Details summary can be megabytes).
    String json = payload.toString();
    String hash = sha256(json);
    String callback = payload.hasNonNull("callbackURL") ? payload.get("callbackURL").asText() : null;
    return new Summary(type, userId, dedupeKey(type, payload, hash), payload, hash, callback, json);
  }

  static String dedupeKey(String type, ObjectNode payload, String hash) {
    if (payload.hasNonNull("callbackURL")) {
      return "ping:" + hash;
    }
    if (PERMISSIONS_CHANGE.equals(type) || DEREGISTRATIONS.equals(type)) {
      return "content:" + hash;
    }
    String start = firstText(payload, "startTimeInSeconds", "measurementTimeInSeconds");
    if (start != null) {
      // Epochs: one record per activity type per 15-minute bucket.
      String activityType = "epochs".equals(type) ? firstText(payload, "activityType") : null;
      return "start:" + start + (activityType == null ? "" : ":" + activityType);
    }
    String summaryId = firstText(payload, "summaryId");
    return summaryId != null ? "id:" + summaryId : "content:" + hash;
  }

  private static String firstText(ObjectNode node, String... fields) {
    for (String f : fields) {
      if (node.hasNonNull(f) && node.get(f).isValueNode()) {
        return node.get(f).asText();
      }
    }
    return null;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean holdsNul(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue().indexOf(0) >= 0;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().indexOf(0) >= 0 || holdsNul(e.getValue())) {
        return true;
      }
    }
    if (node.isArray()) {
      for (JsonNode child : node) {
        if (holdsNul(child)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The body is JSON but not a Garmin notification. */
  public static final class NotANotification extends JsonProcessingException {
    public NotANotification(String message) {
      super(message);
    }
  }
}

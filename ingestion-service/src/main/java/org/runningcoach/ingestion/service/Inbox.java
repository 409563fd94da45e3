package org.runningcoach.ingestion.service;

/**
 * How a webhook_inbox payload is sealed. The associated data names the row by its natural key
 * (vendor, vendor user, type, dedupe key), which an update keeps, rather than the row id. A Garmin
 * user not linked to an athlete yet has a data key of their own ("GARMIN:&lt;user id&gt;").
 */
public final class Inbox {

  public static final String PAYLOAD = "webhook_inbox.payload";

  private Inbox() {}

  public static String owner(String athleteId, String vendor, String vendorUserId) {
    return athleteId != null ? athleteId : vendor + ":" + vendorUserId;
  }

  public static String recordKey(String vendor, String vendorUserId, String summaryType, String summaryKey) {
    return vendor + "/" + vendorUserId + "/" + summaryType + "/" + summaryKey;
  }

  /** The same key as SQL over a webhook_inbox row, for the export. */
  public static final String RECORD_KEY_SQL = "vendor || '/' || vendor_user_id || '/' || summary_type || '/' || summary_key";
}

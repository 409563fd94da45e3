package org.runningcoach.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks for an athlete id anywhere in the test database: every column named athlete_id, and every
 * text, uuid, json or array column of every table of every non-system schema (found from
 * information_schema, so a table added later is scanned too). Answers "schema.table.column" of each hit.
 */
final class AthleteScan {

  private AthleteScan() {}

  static List<String> find(String athleteId) throws SQLException {
    String db = System.getenv().getOrDefault("RC_TEST_DB", "runningcoach_test");
    List<String> hits = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", "")) {
      List<String[]> columns = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement("""
              SELECT c.table_schema, c.table_name, c.column_name, c.data_type
              FROM information_schema.columns c
              JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
              WHERE t.table_type = 'BASE TABLE'
                AND c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg_%'
                AND (c.column_name = 'athlete_id'
                     OR c.data_type IN ('text', 'character varying', 'uuid', 'json', 'jsonb', 'ARRAY'))
              ORDER BY 1, 2, 3""");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        }
      }
      for (String[] col : columns) {
        String table = quote(col[0]) + "." + quote(col[1]);
        String column = quote(col[2]);
        String sql = col[2].equals("athlete_id")
            ? "SELECT count(*) FROM " + table + " WHERE " + column + "::text = ?"
            : "SELECT count(*) FROM " + table + " WHERE strpos(" + column + "::text, ?) > 0";
        try (PreparedStatement q = c.prepareStatement(sql)) {
          q.setString(1, athleteId);
          try (ResultSet rs = q.executeQuery()) {
            rs.next();
            if (rs.getLong(1) > 0) {
              hits.add(col[0] + "." + col[1] + "." + col[2] + " (" + rs.getLong(1) + ")");
            }
          }
        }
      }
    }
    return hits;
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}

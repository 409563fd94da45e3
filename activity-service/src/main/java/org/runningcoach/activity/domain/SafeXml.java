package org.runningcoach.activity.domain;

import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A namespace-aware StAX reader that refuses anything but plain XML: no DTD at all (so no entity
 * expansion bombs and no external entities), no external resources.
 */
final class SafeXml {

  private SafeXml() {}

  static XMLStreamReader open(InputStream in) {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
      throw new XMLStreamException("external resources are not read: " + systemId);
    });
    try {
      return factory.createXMLStreamReader(in);
    } catch (XMLStreamException e) {
      throw new InvalidActivityFile("The file is not readable XML: " + e.getMessage(), e);
    }
  }

  /** The next event, refusing DTDs and entity references. */
  static int next(XMLStreamReader r) {
    try {
      int event;
      try {
        event = r.next();
      } catch (RuntimeException e) {
        // The JDK parser throws some errors unchecked: on a damaged DOCTYPE it looks up a message key its bundle
        // lacks (MissingResourceException "InvalidCharInDTD"), which was a 500. A parse error like any other.
        throw new InvalidActivityFile("The XML is malformed: the parser stopped (" + e.getClass().getSimpleName() + ")", e);
      }
      if (event == XMLStreamConstants.DTD) {
        throw new InvalidActivityFile("The file declares a DTD; workout files with DTDs or entities are not accepted");
      }
      if (event == XMLStreamConstants.ENTITY_REFERENCE) {
        throw new InvalidActivityFile("The file uses an XML entity (" + r.getLocalName() + "); entities are not accepted");
      }
      return event;
    } catch (XMLStreamException e) {
      throw new InvalidActivityFile("The XML is malformed or truncated"
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber()) + ": " + firstLine(e.getMessage()), e);
    }
  }

  /** The text of the current element (reader on START_ELEMENT), ending on its END_ELEMENT. */
  static String text(XMLStreamReader r) {
    StringBuilder sb = new StringBuilder();
    int depth = 1;
    while (depth > 0) {
      int e = next(r);
      if (e == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (e == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (depth == 1 && (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA)) {
        sb.append(r.getText());
      } else if (e == XMLStreamConstants.END_DOCUMENT) {
        throw new InvalidActivityFile("The XML ends inside an element: it is truncated");
      }
    }
    return sb.toString().trim();
  }

  static Double number(String s, String what) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      double v = Double.parseDouble(s);
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      throw new InvalidActivityFile(what + " is not a number: '" + abbreviate(s) + "'");
    }
  }

  /** An xsd:dateTime; a time without an offset is read as UTC, as GPX and TCX specify. */
  static OffsetDateTime time(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return java.time.LocalDateTime.parse(s).atOffset(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new InvalidActivityFile("'" + abbreviate(s) + "' is not a date-time");
      }
    }
  }

  static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.lastIndexOf('\n');
    return nl >= 0 ? s.substring(nl + 1) : s;
  }
}

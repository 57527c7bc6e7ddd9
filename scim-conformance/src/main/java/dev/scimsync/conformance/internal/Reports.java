package dev.scimsync.conformance.internal;

import dev.scimsync.conformance.CheckResult;
import dev.scimsync.conformance.ConformanceReport;
import dev.scimsync.conformance.Exchange;
import dev.scimsync.conformance.Outcome;
import dev.scimsync.conformance.Source;
import dev.scimsync.core.json.ScimJson;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders a {@link ConformanceReport} as text, JSON and HTML. */
public final class Reports {
  private static final int MAX_BODY = 20_000;

  private Reports() {}

  /** The summary table and the failures. */
  public static String summary(ConformanceReport report) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-10s %7s %7s %8s%n", "group", "passed", "failed", "skipped"));
    for (Source s : Source.values()) {
      long p = report.count(s, Outcome.PASSED);
      long f = report.count(s, Outcome.FAILED);
      long k = report.count(s, Outcome.SKIPPED);
      if (p + f + k > 0) {
        sb.append(String.format("%-10s %7d %7d %8d%n", s.label(), p, f, k));
      }
    }
    sb.append(String.format("%-10s %7d %7d %8d%n", "total", report.count(Outcome.PASSED), report.count(Outcome.FAILED),
        report.count(Outcome.SKIPPED)));
    for (CheckResult r : report.results()) {
      if (r.outcome() == Outcome.FAILED) {
        sb.append(System.lineSeparator()).append("FAILED ").append(r.id()).append(System.lineSeparator())
            .append("  why it matters: ").append(r.check().reason()).append(System.lineSeparator())
            .append("  fault:          ").append(r.message()).append(System.lineSeparator())
            .append("  expected:       ").append(r.expected()).append(System.lineSeparator());
        Exchange last = lastRelevant(r);
        if (last != null) {
          sb.append("  last exchange:  ").append(last.summary()).append(System.lineSeparator());
        }
      }
    }
    return sb.toString();
  }

  /** The exchange a failure is about: the last one before clean-up (clean-up DELETEs come last). */
  public static Exchange lastRelevant(CheckResult r) {
    List<Exchange> ex = r.exchanges();
    for (int i = ex.size() - 1; i >= 0; i--) {
      Exchange e = ex.get(i);
      if (!(e.method().equals("DELETE") && e.requestHeaders().isEmpty())) {
        return e;
      }
    }
    return null;
  }

  /** JSON. */
  public static String json(ConformanceReport report) {
    ObjectNode root = ScimJson.object();
    root.put("baseUrl", report.baseUrl());
    ObjectNode summary = root.putObject("summary");
    for (Source s : Source.values()) {
      ObjectNode g = summary.putObject(s.label());
      g.put("passed", report.count(s, Outcome.PASSED));
      g.put("failed", report.count(s, Outcome.FAILED));
      g.put("skipped", report.count(s, Outcome.SKIPPED));
    }
    root.put("allPassed", report.allPassed());
    ArrayNode checks = root.putArray("checks");
    for (CheckResult r : report.results()) {
      ObjectNode c = checks.addObject();
      c.put("id", r.id());
      c.put("group", r.check().source().label());
      c.put("reason", r.check().reason());
      c.put("writes", r.check().writes());
      c.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
      c.put("message", r.message());
      c.put("expected", r.expected());
      ArrayNode exchanges = c.putArray("exchanges");
      for (Exchange e : r.exchanges()) {
        ObjectNode x = exchanges.addObject();
        x.put("method", e.method());
        x.put("url", e.url());
        ObjectNode rh = x.putObject("requestHeaders");
        e.requestHeaders().forEach(rh::put);
        x.put("requestBody", e.requestBody());
        x.put("status", e.status());
        ObjectNode h = x.putObject("responseHeaders");
        e.responseHeaders().forEach((k, v) -> h.put(k, String.join(", ", v)));
        x.put("responseBody", clip(e.responseBody()));
        if (e.error() != null) {
          x.put("error", e.error());
        }
      }
    }
    return ScimJson.write(root);
  }

  /** HTML: one page, inline CSS, no scripts or external assets; every value escaped. */
  public static String html(ConformanceReport report) {
    StringBuilder sb = new StringBuilder(16_384);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>SCIM conformance report</title><style>"
        + "body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}"
        + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
        + ".passed{color:#176f2c}.failed{color:#b00020;font-weight:bold}.skipped{color:#777}"
        + "pre{background:#f6f6f6;padding:8px;overflow:auto;max-height:30em;white-space:pre-wrap}"
        + "details{margin:4px 0 12px 0}code{font-size:0.95em}</style></head><body>\n");
    sb.append("<h1>SCIM conformance report</h1>\n<p>Endpoint: <code>").append(esc(report.baseUrl())).append("</code> — ")
        .append(report.allPassed() ? "<span class=\"passed\">every applicable check passed</span>"
            : "<span class=\"failed\">" + report.count(Outcome.FAILED) + " check(s) failed</span>")
        .append("</p>\n<table><tr><th>group</th><th>passed</th><th>failed</th><th>skipped</th></tr>\n");
    for (Source s : Source.values()) {
      sb.append("<tr><td>").append(s.label()).append("</td><td>").append(report.count(s, Outcome.PASSED))
          .append("</td><td>").append(report.count(s, Outcome.FAILED)).append("</td><td>")
          .append(report.count(s, Outcome.SKIPPED)).append("</td></tr>\n");
    }
    sb.append("</table>\n<h2>Checks</h2>\n");
    for (CheckResult r : report.results()) {
      String cls = r.outcome().name().toLowerCase(java.util.Locale.ROOT);
      sb.append("<div id=\"").append(esc(r.id())).append("\"><p><span class=\"").append(cls).append("\">")
          .append(cls.toUpperCase(java.util.Locale.ROOT)).append("</span> <code>").append(esc(r.id()))
          .append("</code> <small>(").append(r.check().source().label()).append(")</small><br>")
          .append(esc(r.check().reason())).append("</p>\n");
      if (!r.message().isEmpty()) {
        sb.append("<p><b>").append(r.outcome() == Outcome.FAILED ? "Fault" : "Reason").append(":</b> ")
            .append(esc(r.message())).append("</p>\n");
      }
      if (!r.expected().isEmpty()) {
        sb.append("<p><b>Expected:</b> ").append(esc(r.expected())).append("</p>\n");
      }
      if (r.outcome() == Outcome.FAILED && !r.exchanges().isEmpty()) {
        sb.append("<details open><summary>").append(r.exchanges().size()).append(" exchange(s)</summary>\n");
        for (Exchange e : r.exchanges()) {
          sb.append("<pre>").append(esc(render(e))).append("</pre>\n");
        }
        sb.append("</details>\n");
      }
      sb.append("</div>\n");
    }
    sb.append("</body></html>\n");
    return sb.toString();
  }

  private static String render(Exchange e) {
    StringBuilder sb = new StringBuilder();
    sb.append(e.requestLine()).append('\n');
    e.requestHeaders().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
    if (e.requestBody() != null) {
      sb.append('\n').append(clip(e.requestBody())).append('\n');
    }
    sb.append("\n--> ").append(e.status() == 0 ? "no response: " + e.error() : Integer.toString(e.status())).append('\n');
    for (Map.Entry<String, List<String>> h : e.responseHeaders().entrySet()) {
      if (!h.getKey().startsWith(":")) {
        sb.append(h.getKey()).append(": ").append(String.join(", ", h.getValue())).append('\n');
      }
    }
    if (!e.responseBody().isEmpty()) {
      sb.append('\n').append(clip(e.responseBody())).append('\n');
    }
    return sb.toString();
  }

  private static String clip(String s) {
    return s == null || s.length() <= MAX_BODY ? s : s.substring(0, MAX_BODY) + "... (" + s.length() + " characters)";
  }

  /** Escapes text for HTML content and attribute values. */
  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}

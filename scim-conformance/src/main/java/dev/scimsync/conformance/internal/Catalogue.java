package dev.scimsync.conformance.internal;

import dev.scimsync.core.message.ServiceProviderConfig;
import dev.scimsync.conformance.CheckInfo;
import dev.scimsync.conformance.CheckResult;
import dev.scimsync.conformance.Exchange;
import dev.scimsync.conformance.Outcome;
import dev.scimsync.core.json.ScimJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Every check, discovery, and the loop that runs one check with clean-up. */
public final class Catalogue {
  private static final List<Check> ALL = build();

  private Catalogue() {}

  private static List<Check> build() {
    List<Check> all = new ArrayList<>(RfcChecks.all());
    all.addAll(IdpChecks.all());
    Set<String> ids = new HashSet<>();
    for (Check c : all) {
      if (!ids.add(c.info().id())) {
        throw new IllegalStateException("duplicate check id " + c.info().id());
      }
    }
    return List.copyOf(all);
  }

  /** Every check, in run order. */
  public static List<Check> all() {
    return ALL;
  }

  /** Reads /ServiceProviderConfig, /ResourceTypes and /Schemas; never throws. */
  public static Discovery discover(Http http) {
    StringBuilder notes = new StringBuilder();
    JsonNode spc = read(http, "/ServiceProviderConfig", notes);
    ServiceProviderConfig config = spc == null ? ServiceProviderConfig.unknown() : ServiceProviderConfig.fromJson(spc);
    Map<String, String> endpoints = new LinkedHashMap<>();
    JsonNode types = read(http, "/ResourceTypes", notes);
    if (types != null && types.get("Resources") != null) {
      for (JsonNode t : types.get("Resources")) {
        String name = CheckContext.text(t, "name");
        String endpoint = CheckContext.text(t, "endpoint");
        if (name != null && endpoint != null) {
          endpoints.put(name, endpoint);
        }
      }
    }
    Set<String> schemas = new HashSet<>();
    JsonNode list = read(http, "/Schemas", notes);
    if (list != null && list.get("Resources") != null) {
      for (JsonNode s : list.get("Resources")) {
        String id = CheckContext.text(s, "id");
        if (id != null) {
          schemas.add(id);
        }
      }
    }
    return new Discovery(config, endpoints, schemas, notes.toString());
  }

  private static JsonNode read(Http http, String path, StringBuilder notes) {
    Exchange e = http.send("GET", path, null, Map.of("Accept", Http.SCIM_JSON), true);
    if (e.status() != 200) {
      notes.append(path).append(" answered ").append(e.status() == 0 ? e.error() : Integer.toString(e.status())).append("; ");
      return null;
    }
    try {
      return ScimJson.parse(e.responseBody());
    } catch (RuntimeException ex) {
      notes.append(path).append(" is not JSON; ");
      return null;
    }
  }

  /** Runs one check (or skips it in a read-only run), always cleaning up what it created. */
  public static CheckResult run(Check check, Http http, Discovery discovery, String prefix, boolean readOnly) {
    CheckInfo info = check.info();
    if (readOnly && info.writes()) {
      return new CheckResult(info, Outcome.SKIPPED, "read-only run: this check writes", "", List.of());
    }
    CheckContext ctx = new CheckContext(http, discovery, prefix);
    Outcome outcome = Outcome.PASSED;
    String message = "";
    String expected = "";
    try {
      check.body().run(ctx);
    } catch (CheckFailed f) {
      outcome = Outcome.FAILED;
      message = f.getMessage();
      expected = f.expected();
    } catch (CheckSkipped s) {
      outcome = Outcome.SKIPPED;
      message = s.getMessage();
    } catch (RuntimeException e) {
      // an unexpected response shape the check did not foresee: still the endpoint's answer, reported as a failure
      outcome = Outcome.FAILED;
      message = "the response could not be checked: " + e;
    } finally {
      ctx.cleanup();
    }
    return new CheckResult(info, outcome, message, expected, ctx.exchanges());
  }
}

package dev.scimsync.server.internal;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.ErrorResponse;
import dev.scimsync.server.ScimResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Builds {@link ScimResponse}s: JSON bodies with the SCIM media type, and RFC 7644 §3.12 errors. */
public final class Responses {

  private Responses() {}

  /** A JSON response with optional extra headers (name, value, name, value...). */
  public static ScimResponse json(int status, JsonNode body, String... headers) {
    return json(status, ScimJson.writeBytes(body), headers);
  }

  /** A JSON response whose body is already written (compact UTF-8), with optional extra headers. */
  public static ScimResponse json(int status, byte[] body, String... headers) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", ScimResponse.SCIM_JSON);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      if (headers[i + 1] != null) {
        h.put(headers[i], headers[i + 1]);
      }
    }
    return new ScimResponse(status, h, body);
  }

  /** A response without body (204, 304). */
  public static ScimResponse empty(int status, String... headers) {
    Map<String, String> h = new LinkedHashMap<>();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      if (headers[i + 1] != null) {
        h.put(headers[i], headers[i + 1]);
      }
    }
    return new ScimResponse(status, h, new byte[0]);
  }

  /** The SCIM error response for {@code e}. */
  public static ScimResponse error(ScimException e, String... headers) {
    return json(e.status(), ErrorResponse.from(e).toJson(), headers);
  }

  /** A SCIM error response with a status and detail, without scimType. */
  public static ScimResponse error(int status, String detail, String... headers) {
    return error(new ScimException(status, null, detail), headers);
  }
}

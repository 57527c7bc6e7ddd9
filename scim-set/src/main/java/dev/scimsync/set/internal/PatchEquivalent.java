package dev.scimsync.set.internal;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.server.event.AuditRedaction;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code data} of full-mode SCIM events: a resource's representation without secrets, and the
 * PATCH request equivalent to a change (RFC 9967 §2.2: "the equivalent SCIM command processed").
 */
public final class PatchEquivalent {

  /** The PatchOp message URN. */
  public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  private PatchEquivalent() {}

  /** The resource as a SCIM response would show it: without {@code password}. */
  public static ObjectNode representation(ScimResource r) {
    ObjectNode json = r.json();
    removeSecrets(json);
    return json;
  }

  /**
   * A PATCH request that turns the resource before the change into {@code after}: {@code replace}
   * of each changed attribute with its new value, {@code remove} of each that is gone. Passwords
   * are left out.
   */
  public static ObjectNode patchOf(ScimResource after, List<String> changedPaths) {
    ObjectNode msg = message();
    ArrayNode ops = msg.withArray("Operations");
    for (String path : changedPaths) {
      if (AuditRedaction.isSecret(path)) {
        continue;
      }
      JsonNode value = after.valueAt(path);
      ObjectNode op = ops.addObject();
      if (value == null || value.isNull()) {
        op.put("op", "remove");
        op.put("path", path);
      } else {
        op.put("op", "replace");
        op.put("path", path);
        op.set("value", value.deepCopy());
      }
    }
    return msg;
  }

  /** The PATCH that adds {@code ids} as members. */
  public static ObjectNode membersAdded(Collection<String> ids) {
    ObjectNode msg = message();
    ObjectNode op = msg.withArray("Operations").addObject();
    op.put("op", "add");
    op.put("path", "members");
    ArrayNode values = op.putArray("value");
    ids.stream().sorted().forEach(id -> values.addObject().put("value", id));
    return msg;
  }

  /** The PATCH that removes {@code ids} from the members, one value filter each. */
  public static ObjectNode membersRemoved(Collection<String> ids) {
    ObjectNode msg = message();
    ArrayNode ops = msg.withArray("Operations");
    ids.stream().sorted().forEach(id -> {
      ObjectNode op = ops.addObject();
      op.put("op", "remove");
      op.put("path", "members[value eq \"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]");
    });
    return msg;
  }

  private static ObjectNode message() {
    ObjectNode msg = ScimJson.object();
    msg.putArray("schemas").add(PATCH_OP);
    msg.putArray("Operations");
    return msg;
  }

  private static void removeSecrets(ObjectNode json) {
    List<String> names = new java.util.ArrayList<>();
    json.propertyNames().forEach(names::add);
    for (String n : names) {
      if (AuditRedaction.isSecret(n)) {
        json.remove(n);
      }
    }
  }
}

package dev.scimsync.benchmarks;

import de.captaingoldfish.scim.sdk.common.request.PatchOpRequest;
import de.captaingoldfish.scim.sdk.common.resources.Group;
import de.captaingoldfish.scim.sdk.common.resources.ServiceProvider;
import de.captaingoldfish.scim.sdk.common.resources.complex.PatchConfig;
import de.captaingoldfish.scim.sdk.common.schemas.SchemaAttribute;
import de.captaingoldfish.scim.sdk.common.utils.JsonHelper;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceEndpoint;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceHandler;
import de.captaingoldfish.scim.sdk.server.endpoints.base.GroupEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.patch.PatchRequestHandler;
import de.captaingoldfish.scim.sdk.server.response.PartialListResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.directory.scim.core.json.ObjectMapperFactory;
import org.apache.directory.scim.core.repository.DefaultPatchHandler;
import org.apache.directory.scim.core.schema.SchemaRegistry;
import org.apache.directory.scim.spec.patch.PatchOperation;
import org.apache.directory.scim.spec.resources.ScimGroup;
import org.apache.directory.scim.spec.resources.GroupMembership;

/**
 * How Captain-P-Goldfish's SCIM-SDK and Apache SCIMple apply a PATCH to a whole group, the way
 * their servers do it, for {@link GroupPatchBenchmark} and {@link AgreementCheck}. Members are
 * compared as the list of {@code value} and {@code display} pairs, in order.
 */
public final class GroupPatchPeers {

  private GroupPatchPeers() {}

  /** One member as compared across libraries: its value and display, in one string. */
  static String member(Object value, Object display) {
    return value + " / " + display;
  }

  /** The members of a Jackson 3 array (ours, UnboundID) as compared across libraries. */
  static List<String> members(tools.jackson.databind.JsonNode arr) {
    List<String> out = new ArrayList<>();
    for (tools.jackson.databind.JsonNode m : arr) {
      out.add(member(m.path("value").asString(null), m.path("display").asString(null)));
    }
    return out;
  }

  /**
   * Captain-P-Goldfish SCIM-SDK 1.30.0. Its server's PATCH: a {@link PatchRequestHandler} per
   * request over the resource handler's {@code DefaultPatchOperationHandler}, which gets the group
   * from {@link ResourceHandler#getResource}, keeps a copy of it as the old resource (written to a
   * string and parsed back), applies the operations to the group itself and sets {@code
   * meta.lastModified}. Not included: reading the request body, the schema validation of the
   * request and the response, and the handler's {@code updateResource}.
   */
  public static final class Captain {
    private final Group group;
    private final ResourceHandler<Group> handler;

    /** A Group resource type on its own service provider, with {@code groupJson} as the one group. */
    public Captain(String groupJson) {
      ServiceProvider sp = ServiceProvider.builder()
          .patchConfig(PatchConfig.builder().supported(true).build())
          .build();
      this.group = JsonHelper.readJsonDocument(groupJson, Group.class);
      this.handler = new OneGroup(group);
      new ResourceEndpoint(sp).registerEndpoint(new GroupEndpointDefinition(handler));
    }

    /** The group that every PATCH changes in place. */
    public Group group() {
      return group;
    }

    /** A PATCH request body read as its server reads it. */
    public static PatchOpRequest request(String json) {
      return JsonHelper.readJsonDocument(json, PatchOpRequest.class);
    }

    /** Applies {@code request} to the group, in place; returns the patched group. */
    public Group patch(PatchOpRequest request) {
      PatchRequestHandler<Group> h = new PatchRequestHandler<>(group.getId().orElseThrow(), handler,
          Collections.emptyList(), null);
      return h.handlePatchRequest(request);
    }

    /** The members of a group of this SDK as compared across libraries. */
    public static List<String> members(Group g) {
      List<String> out = new ArrayList<>();
      Iterator<com.fasterxml.jackson.databind.JsonNode> it = g.get("members").elements();
      while (it.hasNext()) {
        com.fasterxml.jackson.databind.JsonNode m = it.next();
        out.add(member(m.path("value").asText(null), m.path("display").asText(null)));
      }
      return out;
    }

    /** The handler of the one group; PATCH only reads it. */
    static final class OneGroup extends ResourceHandler<Group> {
      private final Group group;

      OneGroup(Group group) {
        this.group = group;
      }

      @Override
      public Group getResource(String id, List<SchemaAttribute> attributes, List<SchemaAttribute> excludedAttributes,
          Context context) {
        return id.equals(group.getId().orElse(null)) ? group : null;
      }

      @Override
      public Group createResource(Group resource, Context context) {
        throw new UnsupportedOperationException();
      }

      @Override
      public PartialListResponse<Group> listResources(long startIndex, int count, FilterNode filter,
          SchemaAttribute sortBy, de.captaingoldfish.scim.sdk.common.constants.enums.SortOrder sortOrder,
          List<SchemaAttribute> attributes, List<SchemaAttribute> excludedAttributes, Context context) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Group updateResource(Group resource, Context context) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void deleteResource(String id, Context context) {
        throw new UnsupportedOperationException();
      }
    }
  }

  /**
   * Apache SCIMple 1.0.0-M1 ({@code scim-core}, no container): its {@link DefaultPatchHandler} on
   * a {@link SchemaRegistry} that knows {@link ScimGroup}, as its server's PATCH calls it. It does
   * not change its input: each apply converts the group to a map, patches the map and converts it
   * back to a new group. Operations are read from JSON with the mapper of its server.
   */
  public static final class Scimple {
    private final DefaultPatchHandler handler;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;

    /** A schema registry with the Group schema, and its patch handler. */
    public Scimple() {
      SchemaRegistry registry = new SchemaRegistry();
      registry.addSchema(ScimGroup.class, List.of());
      this.handler = new DefaultPatchHandler(registry);
      this.mapper = ObjectMapperFactory.createObjectMapper(registry);
    }

    /** A group read from JSON as its server reads a request body. */
    public ScimGroup group(String json) {
      return read(json, ScimGroup.class);
    }

    /** One PATCH operation read from JSON as its server reads it. */
    public List<PatchOperation> operation(String json) {
      return List.of(read(json, PatchOperation.class));
    }

    private <T> T read(String json, Class<T> type) {
      try {
        return mapper.readValue(json, type);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }

    /** The patched group, a new one. */
    public ScimGroup patch(ScimGroup group, List<PatchOperation> ops) {
      return handler.apply(group, ops);
    }

    /** The members of a SCIMple group as compared across libraries. */
    public static List<String> members(ScimGroup g) {
      List<String> out = new ArrayList<>();
      for (GroupMembership r : g.getMembers()) {
        out.add(member(r.getValue(), r.getDisplay()));
      }
      return out;
    }
  }
}

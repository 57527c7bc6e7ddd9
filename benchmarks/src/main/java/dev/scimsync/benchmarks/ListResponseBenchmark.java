package dev.scimsync.benchmarks;

import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.utils.JsonUtils;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.ListResponse;
import dev.scimsync.core.resource.ScimResource;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A ListResponse page of 200 generated users, read and written:
 *
 * <ul>
 *   <li>read (the client, every sync page): the body's bytes to resources the caller can use.
 *       Ours: {@code ListResponse.fromJson(byte[]).scimResources()}; UnboundID: its reader's tree
 *       wrapped in its {@code ListResponse<GenericScimResource>} (see {@link #pingRead()}); Jackson: {@code readTree}
 *       (tree), and a walk over the parser's tokens that builds nothing (streaming).
 *   <li>write (the server, every list request): resources held to the body's bytes. Ours: {@code
 *       new ListResponse(...)} of the page's nodes then {@code toJson()} written by {@code ScimJson}
 *       (the server's way before issue 17), and {@code ListResponse.ofResources(...).toJsonBytes()};
 *       UnboundID: its object writer on its {@code ListResponse}; Jackson: {@code
 *       writeValueAsBytes} of the page as one tree, and a generator writing each resource tree
 *       (streaming).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ListResponseBenchmark {

  static final int PAGE = 200;
  private static final JsonMapper PLAIN = JsonMapper.builder().build();

  private byte[] body;
  private List<ObjectNode> nodes;
  private List<ScimResource> resources;
  private ObjectNode pageTree;
  private List<GenericScimResource> pingResources;

  @Setup
  public void setup() throws Exception {
    List<String> users = UserGenerator.users().subList(0, PAGE);
    nodes = new ArrayList<>();
    resources = new ArrayList<>();
    pingResources = new ArrayList<>();
    pageTree = PLAIN.createObjectNode();
    pageTree.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:ListResponse");
    pageTree.put("totalResults", 10_000).put("startIndex", 1).put("itemsPerPage", PAGE);
    ArrayNode arr = pageTree.putArray("Resources");
    for (String u : users) {
      ObjectNode n = ScimJson.parseObject(u);
      nodes.add(n);
      resources.add(ScimResource.of(n));
      arr.add(n.deepCopy());
      pingResources.add(new GenericScimResource((ObjectNode) PLAIN.readTree(u)));
    }
    body = PLAIN.writeValueAsBytes(pageTree);
    if (oursRead().size() != PAGE || pingRead().getResources().size() != PAGE) {
      throw new IllegalStateException("a page must read as " + PAGE + " resources");
    }
    if (!PLAIN.readTree(oursWrite()).equals(pageTree) || !PLAIN.readTree(oursWriteTree()).equals(pageTree)) {
      throw new IllegalStateException("ours must write the same page");
    }
  }

  @Benchmark
  public List<ScimResource> oursRead() {
    return ListResponse.fromJson(body).scimResources();
  }

  /**
   * UnboundID 6.0.0 cannot bind {@code ListResponse<GenericScimResource>} itself (its resource
   * deserializer fails with "Trailing token" under Jackson 3), so: its reader's tree, each resource
   * wrapped as a {@link GenericScimResource} without a copy.
   */
  @Benchmark
  public com.unboundid.scim2.common.messages.ListResponse<GenericScimResource> pingRead() throws Exception {
    ObjectNode page = (ObjectNode) JsonUtils.getObjectReader().readTree(body);
    List<GenericScimResource> out = new ArrayList<>();
    for (tools.jackson.databind.JsonNode r : page.get("Resources")) {
      out.add(new GenericScimResource((ObjectNode) r));
    }
    return new com.unboundid.scim2.common.messages.ListResponse<>(page.get("totalResults").intValue(), out,
        page.get("startIndex").intValue(), page.get("itemsPerPage").intValue());
  }

  @Benchmark
  public Object jacksonTreeRead() {
    return PLAIN.readTree(body);
  }

  @Benchmark
  public int jacksonStreamingRead() {
    int n = 0;
    try (JsonParser p = PLAIN.createParser(body)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.VALUE_STRING) {
          n += p.getString().length();
        }
      }
    }
    return n;
  }

  @Benchmark
  public byte[] oursWriteTree() {
    return ScimJson.writeBytes(new ListResponse(10_000, 1, PAGE, nodes, null, null).toJson());
  }

  @Benchmark
  public byte[] oursWrite() {
    return ListResponse.ofResources(10_000, 1, resources).toJsonBytes();
  }

  @Benchmark
  public byte[] pingWrite() throws Exception {
    return JsonUtils.getObjectWriter().writeValueAsBytes(
        new com.unboundid.scim2.common.messages.ListResponse<>(10_000, pingResources, 1, PAGE));
  }

  @Benchmark
  public byte[] jacksonTreeWrite() {
    return PLAIN.writeValueAsBytes(pageTree);
  }

  @Benchmark
  public byte[] jacksonStreamingWrite() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 1024 * PAGE);
    try (var g = PLAIN.createGenerator(out)) {
      g.writeStartObject();
      g.writeName("schemas");
      g.writeStartArray();
      g.writeString("urn:ietf:params:scim:api:messages:2.0:ListResponse");
      g.writeEndArray();
      g.writeNumberProperty("totalResults", 10_000);
      g.writeNumberProperty("startIndex", 1);
      g.writeNumberProperty("itemsPerPage", PAGE);
      g.writeName("Resources");
      g.writeStartArray();
      for (ObjectNode n : nodes) {
        g.writeTree(n);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toByteArray();
  }
}

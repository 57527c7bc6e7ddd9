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
 *   <li>the other peers, read and write, as their clients and servers do it: Captain-P-Goldfish's
 *       SCIM-SDK ({@link #captainRead()}, {@link #captainReadNodes()}, {@link #captainWrite()})
 *       and Apache SCIMple ({@link #scimpleRead()}, {@link #scimpleWrite()}); and Jackson
 *       streaming into objects, a hand-written reader into records ({@link #jacksonManualRead()}).
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
    setupOtherPeers(users);
  }

  private List<de.captaingoldfish.scim.sdk.common.resources.User> captainResources;
  private com.fasterxml.jackson.databind.ObjectMapper scimpleMapper;
  private org.apache.directory.scim.protocol.data.ListResponse<org.apache.directory.scim.spec.resources.ScimUser>
      scimplePage;

  /**
   * Captain's SDK, SCIMple and the hand-written reader: each read gives our 200 ids and userNames
   * in order, and each write reads back as the same.
   */
  private void setupOtherPeers(List<String> users) throws Exception {
    captainResources = Peers.ScimSdk.load(users);
    scimpleMapper = Peers.Scimple.mapper();
    scimplePage = scimpleRead();

    List<String> ours = new ArrayList<>();
    for (ScimResource r : oursRead()) {
      ours.add(r.id() + " " + r.get("userName").asString());
    }
    List<String> captain = new ArrayList<>();
    for (de.captaingoldfish.scim.sdk.common.resources.User u : captainRead().getListedResources()) {
      captain.add(u.getId().orElse(null) + " " + u.getUserName().orElse(null));
    }
    List<String> scimple = new ArrayList<>();
    for (org.apache.directory.scim.spec.resources.ScimUser u : scimplePage.getResources()) {
      scimple.add(u.getId() + " " + u.getUserName());
    }
    List<String> manual = new ArrayList<>();
    for (ManualUserPage.User u : jacksonManualRead().resources()) {
      manual.add(u.id() + " " + u.userName());
    }
    sameIds("Captain's SDK read", ours, captain);
    sameIds("SCIMple read", ours, scimple);
    List<String> captainNodes = new ArrayList<>();
    for (de.captaingoldfish.scim.sdk.common.resources.base.ScimObjectNode n : captainReadNodes()) {
      captainNodes.add(n.get("id").asText() + " " + n.get("userName").asText());
    }
    sameIds("Captain's SDK untyped read", ours, captainNodes);
    sameIds("the hand-written reader", ours, manual);
    sameIds("Captain's SDK write", ours, idsOf(captainWrite()));
    sameIds("SCIMple write", ours, idsOf(scimpleWrite()));
  }

  private static List<String> idsOf(byte[] page) {
    List<String> out = new ArrayList<>();
    for (tools.jackson.databind.JsonNode r : PLAIN.readTree(page).get("Resources")) {
      out.add(r.get("id").asString() + " " + r.get("userName").asString());
    }
    return out;
  }

  private static void sameIds(String what, List<String> ours, List<String> theirs) {
    if (ours.size() != PAGE || !ours.equals(theirs)) {
      throw new IllegalStateException(what + " does not give our " + PAGE + " ids and userNames");
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

  /**
   * Captain's SDK 1.30.0, as its client reads a list response ({@code ListBuilder}'s response):
   * the body as text to its {@code ListResponse}, each listed resource written to text and read
   * back as its {@code User}, in a new typed {@code ListResponse}. Its client does the per-resource
   * step in a parallel stream on the common pool; here it is sequential, so the thread's CPU time
   * holds all of it.
   */
  @Benchmark
  @SuppressWarnings("unchecked")
  public de.captaingoldfish.scim.sdk.common.response.ListResponse<de.captaingoldfish.scim.sdk.common.resources.User>
      captainRead() {
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    de.captaingoldfish.scim.sdk.common.response.ListResponse<
        de.captaingoldfish.scim.sdk.common.resources.base.ScimObjectNode> page =
        de.captaingoldfish.scim.sdk.common.utils.JsonHelper.readJsonDocument(text,
            de.captaingoldfish.scim.sdk.common.response.ListResponse.class);
    List<com.fasterxml.jackson.databind.JsonNode> users = new ArrayList<>();
    for (de.captaingoldfish.scim.sdk.common.resources.base.ScimObjectNode n : page.getListedResources()) {
      users.add(de.captaingoldfish.scim.sdk.common.utils.JsonHelper.readJsonDocument(n.toString(),
          de.captaingoldfish.scim.sdk.common.resources.User.class));
    }
    var typed = new de.captaingoldfish.scim.sdk.common.response.ListResponse<>(
        de.captaingoldfish.scim.sdk.common.resources.User.class);
    typed.setItemsPerPage(page.getItemsPerPage());
    typed.setStartIndex(page.getStartIndex());
    typed.setTotalResults(page.getTotalResults());
    typed.setListedResources(users);
    return typed;
  }

  /**
   * Captain's SDK 1.30.0, the cheapest usable read it offers: the body as text to its untyped
   * {@code ListResponse} and its listed resources as its generic {@code ScimObjectNode}s, without
   * the client's re-read of each as a {@code User} (see {@link #captainRead()}).
   */
  @Benchmark
  @SuppressWarnings("unchecked")
  public List<de.captaingoldfish.scim.sdk.common.resources.base.ScimObjectNode> captainReadNodes() {
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    de.captaingoldfish.scim.sdk.common.response.ListResponse<
        de.captaingoldfish.scim.sdk.common.resources.base.ScimObjectNode> page =
        de.captaingoldfish.scim.sdk.common.utils.JsonHelper.readJsonDocument(text,
            de.captaingoldfish.scim.sdk.common.response.ListResponse.class);
    return page.getListedResources();
  }

  /**
   * Captain's SDK 1.30.0, as its server writes a list: its {@code ListResponse} of the users it
   * holds, {@code toString()} (what its {@code buildResponse()} hands to JAX-RS), in UTF-8.
   */
  @Benchmark
  public byte[] captainWrite() {
    return new de.captaingoldfish.scim.sdk.common.response.ListResponse<>(
        new ArrayList<com.fasterxml.jackson.databind.JsonNode>(captainResources), 10_000L, PAGE, 1L)
        .toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Apache SCIMple 1.0.0-M1: the body to its {@code ListResponse<ScimUser>} with the mapper its
   * client's and server's JAX-RS providers use (its {@code ObjectMapperFactory} on a schema
   * registry with the User schema and the enterprise extension).
   */
  @Benchmark
  public org.apache.directory.scim.protocol.data.ListResponse<org.apache.directory.scim.spec.resources.ScimUser>
      scimpleRead() throws Exception {
    return scimpleMapper.readValue(body, new com.fasterxml.jackson.core.type.TypeReference<
        org.apache.directory.scim.protocol.data.ListResponse<org.apache.directory.scim.spec.resources.ScimUser>>() {});
  }

  /** Apache SCIMple 1.0.0-M1: its {@code ListResponse<ScimUser>} to bytes with the same mapper. */
  @Benchmark
  public byte[] scimpleWrite() throws Exception {
    return scimpleMapper.writeValueAsBytes(scimplePage);
  }

  /**
   * Jackson streaming into objects ("jackson/manual"): a hand-written parser loop into plain
   * records ({@link ManualUserPage}); unlike {@link #jacksonStreamingRead()} it builds the page.
   */
  @Benchmark
  public ManualUserPage.Page jacksonManualRead() {
    return ManualUserPage.read(PLAIN, body);
  }
}

package dev.scimsync.benchmarks;

import de.captaingoldfish.scim.sdk.common.resources.ServiceProvider;
import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.common.schemas.SchemaAttribute;
import de.captaingoldfish.scim.sdk.common.utils.JsonHelper;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceEndpoint;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceHandler;
import de.captaingoldfish.scim.sdk.server.endpoints.base.UserEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.filter.resources.FilterResourceResolver;
import de.captaingoldfish.scim.sdk.server.response.PartialListResponse;
import de.captaingoldfish.scim.sdk.server.schemas.ResourceType;
import de.captaingoldfish.scim.sdk.server.utils.RequestUtils;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.eval.CompiledFilter;
import dev.scimsync.filter.eval.NameSpellings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How each library is driven: parsing a filter, loading the users into the library's own node
 * type, and counting matches. The benchmarks and {@link AgreementCheck} share this code, so the
 * counts that are checked are the counts that are timed.
 */
public final class Peers {

  private Peers() {}

  /** scim-filter (this project), on Jackson 3 trees. */
  public static final class Ours {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Ours() {}

    public static Filter parse(String text) {
      return Filter.parse(text);
    }

    public static CompiledFilter compile(String text) {
      return dev.scimsync.filter.eval.FilterEvaluator.strict().compile(Filter.parse(text));
    }

    public static List<JsonNode> load(List<String> json) {
      List<JsonNode> out = new ArrayList<>(json.size());
      for (String s : json) {
        out.add(MAPPER.readTree(s));
      }
      return out;
    }

    /**
     * The one spelling of each name in {@code users}, for {@link #compileSpelled}, as the
     * in-memory store keeps it per tenant. Every user must be accepted (spell every name as the
     * users before it do; the generator writes the schema's spelling), else the spelled mode
     * would not apply to them: then this throws instead of measuring something the store would
     * not run.
     */
    public static NameSpellings spellings(List<JsonNode> users) {
      NameSpellings spellings = new NameSpellings();
      for (int i = 0, size = users.size(); i < size; i++) {
        if (!spellings.admit(users.get(i))) {
          throw new IllegalStateException("user " + i + " spells a name otherwise than the users before it");
        }
      }
      return spellings;
    }

    /**
     * Compiled for users that {@code spellings} accepted: names looked up in their one spelling,
     * as the in-memory store filters a batch of such entries.
     */
    public static CompiledFilter compileSpelled(String text, NameSpellings spellings) {
      return dev.scimsync.filter.eval.FilterEvaluator.strict().compile(Filter.parse(text), spellings);
    }

    /**
     * The users as rows of a {@link dev.scimsync.filter.eval.ResourceTable}, as the in-memory store
     * keeps a tenant's resources for its searches: the first filter on a path makes its column.
     */
    public static dev.scimsync.filter.eval.ResourceTable table(List<JsonNode> users) {
      dev.scimsync.filter.eval.ResourceTable table = new dev.scimsync.filter.eval.ResourceTable();
      for (int i = 0, size = users.size(); i < size; i++) {
        table.add(users.get(i));
      }
      return table;
    }

    /** Counts the rows of {@code table} that match ({@link CompiledFilter#count(dev.scimsync.filter.eval.ResourceTable)}). */
    public static int count(CompiledFilter p, dev.scimsync.filter.eval.ResourceTable table) {
      return p.count(table);
    }

    /** Counts in batches ({@link CompiledFilter#count}), as the in-memory store filters. */
    public static int count(CompiledFilter p, List<JsonNode> users) {
      return p.count(users);
    }

    /** Counts one user at a time ({@link CompiledFilter#test}). */
    public static int countOneByOne(CompiledFilter p, List<JsonNode> users) {
      int n = 0;
      for (int i = 0, size = users.size(); i < size; i++) {
        if (p.test(users.get(i))) {
          n++;
        }
      }
      return n;
    }
  }

  /**
   * UnboundID / Ping Identity SCIM 2 SDK 6.0.0. Its 6.x line is on Jackson 3 ({@code tools.jackson}),
   * so it reads the same kind of tree as ours; each library still gets its own copy.
   */
  public static final class UnboundId {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private UnboundId() {}

    public static com.unboundid.scim2.common.filters.Filter parse(String text) {
      try {
        return com.unboundid.scim2.common.filters.Filter.fromString(text);
      } catch (ScimException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }

    public static List<ObjectNode> load(List<String> json) {
      List<ObjectNode> out = new ArrayList<>(json.size());
      for (String s : json) {
        out.add((ObjectNode) MAPPER.readTree(s));
      }
      return out;
    }

    public static int count(com.unboundid.scim2.common.filters.Filter f, List<ObjectNode> users) {
      int n = 0;
      try {
        for (int i = 0, size = users.size(); i < size; i++) {
          if (FilterEvaluator.evaluate(f, users.get(i))) {
            n++;
          }
        }
      } catch (ScimException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
      return n;
    }
  }

  /**
   * Captain-P-Goldfish SCIM-SDK 1.30.0 (server module, Jackson 2). Filters are parsed against the
   * User resource type (RFC 7643 User schema plus the enterprise extension) of a {@link
   * ResourceEndpoint}, and resources are filtered with {@link FilterResourceResolver}, which is
   * what its endpoint does when a handler leaves filtering to the SDK. That method runs a parallel
   * stream inside the service provider's {@link ForkJoinPool}; the pool here has parallelism 1,
   * so the comparison is single-threaded like the others.
   */
  public static final class ScimSdk {

    /** The threads of the service provider's pool, whose CPU time counts for the SDK. */
    private static final List<Thread> POOL_THREADS = new CopyOnWriteArrayList<>();
    /** The service provider whose pool {@link FilterResourceResolver} runs in. */
    public static final ServiceProvider SERVICE_PROVIDER;
    /** The User resource type filters are resolved against. */
    public static final ResourceType USER_TYPE;

    static {
      ForkJoinPool.ForkJoinWorkerThreadFactory factory = pool -> {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        POOL_THREADS.add(t);
        return t;
      };
      ServiceProvider sp = ServiceProvider.builder().forkJoinPool(new ForkJoinPool(1, factory, null, false)).build();
      ResourceEndpoint endpoint = new ResourceEndpoint(sp);
      USER_TYPE = endpoint.registerEndpoint(new UserEndpointDefinition(new NoUsers()));
      SERVICE_PROVIDER = sp;
    }

    private ScimSdk() {}

    /**
     * The CPU time of this thread plus that of the SDK's pool threads, in nanoseconds: the SDK
     * filters in its pool while the calling thread waits, so its own thread's time alone says
     * nothing.
     */
    public static long cpuTimeWithPool() {
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long t = mx.getCurrentThreadCpuTime();
      for (Thread p : POOL_THREADS) {
        long c = mx.getThreadCpuTime(p.getId());
        if (c > 0) {
          t += c;
        }
      }
      return t;
    }

    public static FilterNode parse(String text) {
      return RequestUtils.parseFilter(USER_TYPE, text);
    }

    public static List<User> load(List<String> json) {
      List<User> out = new ArrayList<>(json.size());
      for (String s : json) {
        out.add(JsonHelper.readJsonDocument(s, User.class));
      }
      return out;
    }

    public static int count(FilterNode f, List<User> users) {
      return FilterResourceResolver.filterResources(SERVICE_PROVIDER, users, f).size();
    }

    /** A handler that is never called: the SDK needs one to register the endpoint. */
    static final class NoUsers extends ResourceHandler<User> {
      @Override
      public User createResource(User resource, Context context) {
        throw new UnsupportedOperationException();
      }

      @Override
      public User getResource(String id, List<SchemaAttribute> attributes, List<SchemaAttribute> excludedAttributes,
          Context context) {
        throw new UnsupportedOperationException();
      }

      @Override
      public PartialListResponse<User> listResources(long startIndex, int count, FilterNode filter,
          SchemaAttribute sortBy, de.captaingoldfish.scim.sdk.common.constants.enums.SortOrder sortOrder,
          List<SchemaAttribute> attributes, List<SchemaAttribute> excludedAttributes, Context context) {
        throw new UnsupportedOperationException();
      }

      @Override
      public User updateResource(User resource, Context context) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void deleteResource(String id, Context context) {
        throw new UnsupportedOperationException();
      }
    }
  }

  /**
   * Apache SCIMple 1.0.0-M1 (its schema module, Jackson 2): users read as its {@code ScimUser}
   * (with the enterprise extension) by the mapper of its server, filters parsed by its {@code
   * Filter} and evaluated by {@code FilterExpressions.inMemory} against the User schema, as its
   * in-memory example services filter. Reading a user prints an ANTLR message to standard error for
   * each phone number that is not a {@code tel:} URI (all the generated ones).
   */
  public static final class Scimple {
    private static final org.apache.directory.scim.core.schema.SchemaRegistry REGISTRY;
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER;

    static {
      REGISTRY = new org.apache.directory.scim.core.schema.SchemaRegistry();
      REGISTRY.addSchema(org.apache.directory.scim.spec.resources.ScimUser.class,
          List.of(org.apache.directory.scim.spec.extension.EnterpriseExtension.class));
      MAPPER = org.apache.directory.scim.core.json.ObjectMapperFactory.createObjectMapper(REGISTRY);
    }

    private Scimple() {}

    /** The mapper of its server and client, on a registry with the User schema and the enterprise extension. */
    public static com.fasterxml.jackson.databind.ObjectMapper mapper() {
      return MAPPER;
    }

    /** The filter as a predicate on its users. */
    public static Predicate<org.apache.directory.scim.spec.resources.ScimResource> parse(String text) {
      try {
        return org.apache.directory.scim.spec.filter.FilterExpressions.inMemory(
            new org.apache.directory.scim.spec.filter.Filter(text),
            REGISTRY.getSchema(org.apache.directory.scim.spec.resources.ScimUser.SCHEMA_URI));
      } catch (org.apache.directory.scim.spec.filter.FilterParseException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }

    public static List<org.apache.directory.scim.spec.resources.ScimUser> load(List<String> json) {
      List<org.apache.directory.scim.spec.resources.ScimUser> out = new ArrayList<>(json.size());
      try {
        for (String s : json) {
          out.add(MAPPER.readValue(s, org.apache.directory.scim.spec.resources.ScimUser.class));
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      return out;
    }

    public static int count(Predicate<org.apache.directory.scim.spec.resources.ScimResource> p,
        List<org.apache.directory.scim.spec.resources.ScimUser> users) {
      int n = 0;
      for (int i = 0, size = users.size(); i < size; i++) {
        if (p.test(users.get(i))) {
          n++;
        }
      }
      return n;
    }
  }
}

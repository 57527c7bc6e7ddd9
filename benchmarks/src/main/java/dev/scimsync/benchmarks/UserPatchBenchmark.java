package dev.scimsync.benchmarks;

import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchRequest;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.patch.PatchEngine;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.core.validation.ResourceValidator;
import dev.scimsync.core.validation.Tolerance;
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
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.node.ObjectNode;

/**
 * The PATCH Microsoft Entra ID sends when a user's profile changes (capitalised ops, a filtered
 * e-mail path, a sub-attribute, a string boolean): parsing the request body and applying it.
 * Ours normalises and validates every value against the schema and returns a new resource; the
 * UnboundID SDK applies the operations to the JSON in place without schema checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UserPatchBenchmark {

  static final String BODY = """
      {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
       {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"updatedEmail@microsoft.com"},
       {"op":"Replace","path":"name.familyName","value":"updatedFamilyName"},
       {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"R&D"},
       {"op":"Replace","path":"active","value":"False"}]}""";

  private PatchEngine engine;
  private ScimResource user;
  private ObjectNode userJson;
  private String body;

  @Setup
  public void setup() {
    var schema = SchemaRegistry.standard().resourceSchema("User");
    engine = new PatchEngine(schema, Tolerance.entra());
    user = new ResourceValidator(schema, Tolerance.entra()).forCreate(ScimJson.parseObject("""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"Test_User_ab6490ee@contoso.com","active":true,
         "emails":[{"primary":true,"type":"work","value":"Test_User_fd0ea19b@contoso.com"},{"type":"home","value":"h@example.org"}],
         "name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales","employeeNumber":"7"}}
        """)).withId("u1");
    userJson = user.json();
    body = BODY;
  }

  @Benchmark
  public void ours(Blackhole bh) {
    PatchRequest request = PatchRequest.fromJson(ScimJson.parse(body), Tolerance.entra());
    List<PatchOperation> ops = request.operations();
    bh.consume(engine.apply(user, ops));
  }

  @Benchmark
  public void unboundId(Blackhole bh) throws Exception {
    com.unboundid.scim2.common.messages.PatchRequest request = com.unboundid.scim2.common.utils.JsonUtils.getObjectReader().forType(com.unboundid.scim2.common.messages.PatchRequest.class).readValue(body);
    GenericScimResource target = new GenericScimResource(userJson.deepCopy());
    bh.consume(request.apply(target));
  }
}

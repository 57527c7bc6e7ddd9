package dev.scimsync.examples.readme;

import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.eval.FilterEvaluator;
import dev.scimsync.filter.schema.AttributeType;
import dev.scimsync.filter.sql.SqlMapping;
import dev.scimsync.filter.sql.SqlTranslator;
import dev.scimsync.filter.sql.SqlWhere;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** README "Use the pieces", filters: parse once, then evaluate in memory or translate to SQL. */
public final class FilterPieces {

  /** What the example computes: whether {@code user} matches, and the SQL for the same filter. */
  public record Outcome(boolean matches, SqlWhere where) {}

  private FilterPieces() {}

  /** Runs the README's filter example against {@code user}. */
  public static Outcome run(JsonNode user) {
    ResourceSchema userSchema = SchemaRegistry.standard().resourceSchema("User");
    // tag::filters[]
    Filter filter = Filter.parse("emails[type eq \"work\" and value co \"@example.com\"] and active eq true");
    Predicate<JsonNode> matches = FilterEvaluator.forSchema(userSchema).compile(filter);
    boolean hit = matches.test(user);

    SqlMapping mapping = SqlMapping.builder()
        .column("active", "u.active", AttributeType.BOOLEAN, false)
        .childTable("emails", "user_emails", "user_id", "u.id", e -> e
            .column("type", "type")
            .column("value", "value"))
        .build();
    SqlWhere where = SqlTranslator.builder().mapping(mapping).build().translate(filter);   // bind parameters only
    // end::filters[]
    return new Outcome(hit, where);
  }
}

package dev.scimsync.filter.eval;

import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.schema.FilterSchema;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates filters against SCIM resources in their JSON form. Immutable and thread-safe.
 *
 * <p>{@link #compile(Filter)} turns a filter into a {@link Predicate} once, so that testing many
 * resources costs no further parsing or schema look-ups. Semantics, following RFC 7644 §3.4.2.2:
 *
 * <ul>
 *   <li>Attribute names match in any case; schema-qualified paths look inside the extension object
 *       named by the URN.
 *   <li>A multi-valued attribute matches when any of its values matches.
 *   <li>A complex attribute compared without a sub-attribute ({@code emails co "x"}) compares its
 *       {@code value} sub-attribute.
 *   <li>Strings compare case-insensitively unless the schema says {@code caseExact}; dateTime values
 *       compare as instants, numbers by value, booleans as booleans. Without schema, text that
 *       parses as a dateTime on both sides compares as instants.
 *   <li>{@code ne} is exactly the negation of {@code eq}, so an absent attribute is {@code ne} any
 *       value; {@code eq null} matches an absent or null attribute.
 *   <li>{@code pr} is true for a value that is not null, not empty text and not an empty array or
 *       object.
 * </ul>
 *
 * <p>Comparing a type the schema rules out (ordering a boolean, a string against a number) throws
 * a {@link FilterException} with {@code invalidFilter} at compile time. The tolerant mode instead
 * coerces such values where the meaning is clear, e.g. {@code primary eq "True"} from Entra ID.
 */
public final class FilterEvaluator {

  private static final FilterEvaluator DEFAULT = builder().build();

  private final FilterSchema schema;
  private final boolean tolerant;

  private FilterEvaluator(Builder b) {
    this.schema = b.schema;
    this.tolerant = b.tolerant;
  }

  /** Strict evaluation with {@link FilterSchema#defaults()}. */
  public static FilterEvaluator strict() {
    return DEFAULT;
  }

  /**
   * Strict evaluation with {@code schema}'s attribute types and case-exactness (e.g. a {@code
   * ResourceSchema} of scim-core): what a server evaluates filters on one resource type with.
   */
  public static FilterEvaluator forSchema(FilterSchema schema) {
    return builder().schema(schema).build();
  }

  /** A builder starting from strict evaluation with {@link FilterSchema#defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The filter as a predicate over resources.
   *
   * @throws FilterException ({@code invalidFilter}) when the filter compares types the schema rules out
   */
  public CompiledFilter compile(Filter filter) {
    Objects.requireNonNull(filter, "filter");
    return new CompiledFilter(filter, filter.accept(new Compiler(schema, tolerant, null, null, null)));
  }

  /**
   * The filter as a predicate over resources that {@code spellings} accepted ({@link
   * NameSpellings#admit}) before this call and that have not changed since: it answers for them
   * as {@link #compile(Filter)} does, but looks attribute names up in their recorded spelling
   * only, so that an attribute a resource lacks costs no walk along its properties. For any other
   * resource its answer is undefined.
   *
   * @throws FilterException ({@code invalidFilter}) when the filter compares types the schema rules out
   */
  public CompiledFilter compile(Filter filter, NameSpellings spellings) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(spellings, "spellings");
    return new CompiledFilter(filter, filter.accept(new Compiler(schema, tolerant, null, null, spellings)));
  }

  /**
   * A value filter as a predicate over single values of a multi-valued attribute: {@code filter}'s
   * paths are relative to one value of {@code attribute}, as inside {@code emails[type eq "work"]}.
   * The PATCH engine uses it to select the values a path such as {@code members[value eq "x"]}
   * addresses.
   *
   * @throws FilterException ({@code invalidFilter}) when the filter compares types the schema rules out
   */
  public Predicate<JsonNode> compileValueFilter(AttributePath attribute, Filter filter) {
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(filter, "filter");
    return valueFilter(schema, tolerant, attribute, filter, null);
  }

  static Node valueFilter(FilterSchema schema, boolean tolerant, AttributePath attribute, Filter filter,
      @Nullable NameSpellings spellings) {
    String owningSchema = attribute.schema() != null ? attribute.schema() : schema.extensionOf(attribute.name());
    return filter.accept(new Compiler(schema, tolerant, owningSchema, attribute.name(), spellings));
  }

  /** Compiles and tests once; prefer {@link #compile(Filter)} for more than one resource. */
  public boolean matches(Filter filter, JsonNode resource) {
    return compile(filter).test(resource);
  }

  /** The predicate for {@code filter} under strict evaluation with the default schema. */
  public static CompiledFilter predicate(Filter filter) {
    return DEFAULT.compile(filter);
  }

  /** Builds a {@link FilterEvaluator}. */
  public static final class Builder {
    private FilterSchema schema = FilterSchema.defaults();
    private boolean tolerant;

    private Builder() {}

    /** The schema that gives attribute types and case-exactness. */
    public Builder schema(FilterSchema schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /** Whether string booleans and numbers are coerced where the attribute's type is clear. */
    public Builder tolerant(boolean tolerant) {
      this.tolerant = tolerant;
      return this;
    }

    /** The evaluator. */
    public FilterEvaluator build() {
      return new FilterEvaluator(this);
    }
  }
}

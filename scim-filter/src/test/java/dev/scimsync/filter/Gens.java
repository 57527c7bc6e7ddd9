package dev.scimsync.filter;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import org.quicktheories.impl.Constraint;

/**
 * Small QuickTheories generator helpers for the property tests of this module.
 *
 * <p>Every generator draws from QuickTheories' {@link RandomnessSource}, so a failing property
 * prints a seed and shrinks its input. To replay a failure, run the one test again with the
 * printed seed: {@code mvn -pl scim-filter -am verify -Dtest=TheProperties -Dsurefire.failIfNoSpecifiedTests=false
 * -DQT_SEED=<seed>} (or temporarily add {@code .withFixedSeed(<seed>)} after {@code qt()}).
 */
public final class Gens {

  private Gens() {}

  /**
   * A generator written against {@link Random}. The {@code Random} it receives takes each number
   * from QuickTheories, so seeds replay and shrinking moves each draw towards its lowest value.
   */
  public static <T> Gen<T> fromRandom(Function<Random, T> body) {
    return in -> body.apply(new SourceRandom(in));
  }

  /** Defers building a generator until it is used, for recursive generators. */
  public static <T> Gen<T> lazy(Supplier<Gen<T>> gen) {
    return in -> gen.get().generate(in);
  }

  /** {@code gen}'s values, or {@code null} in about {@code percentNull}% of the cases. */
  public static <T> Gen<T> nullable(Gen<T> gen, int percentNull) {
    // null is the low end of the draw, so shrinking prefers it
    return in -> in.next(Constraint.between(0, 99)) < percentNull ? null : gen.generate(in);
  }

  /** Any UTF-16 code unit, lone surrogates and controls included. */
  public static Gen<Character> anyChar() {
    return Generate.characters(0, 0xFFFF);
  }

  /** One of the given characters. */
  public static Gen<Character> charsOf(String chars) {
    return Generate.pick(chars.chars().mapToObj(c -> (char) c).toList());
  }

  /** Strings of {@code min} to {@code max} characters drawn from {@code chars}. */
  public static Gen<String> strings(Gen<Character> chars, int min, int max) {
    return SourceDSL.lists().of(chars).ofSizeBetween(min, max)
        .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
  }

  /** Lists of {@code min} to {@code max} elements. */
  public static <T> Gen<List<T>> lists(Gen<T> elements, int min, int max) {
    return SourceDSL.lists().of(elements).ofSizeBetween(min, max);
  }

  /** A {@link Random} whose numbers are drawn from a QuickTheories source. */
  private static final class SourceRandom extends Random {
    private static final long serialVersionUID = 1L;
    private final transient RandomnessSource in;

    SourceRandom(RandomnessSource in) {
      this.in = in;
    }

    @Override
    protected int next(int bits) {
      return (int) in.next(Constraint.between(0, (1L << bits) - 1));
    }

    @Override
    public int nextInt(int bound) {
      if (bound <= 0) {
        throw new IllegalArgumentException("bound must be positive");
      }
      return (int) in.next(Constraint.between(0, bound - 1));
    }

    @Override
    public boolean nextBoolean() {
      return in.next(Constraint.between(0, 1)) == 1;
    }
  }
}

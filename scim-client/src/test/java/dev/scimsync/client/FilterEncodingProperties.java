package dev.scimsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.filter.Filter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Any value put into a filter reaches the server as filter text that parses back to the same
 * filter. Property tests on QuickTheories: a failure prints a seed; replay it with
 * {@code -DQT_SEED=<seed>}.
 */
class FilterEncodingProperties {

  private final Transport transport = new Transport(new OkHttpClient(), HttpUrl.get("https://x.example/scim/v2"),
      null, RetryPolicy.none(), null, TimeSource.system(), List.of(), "t");

  /**
   * Any Unicode text of up to 60 code points, controls and supplementary characters included;
   * no lone surrogates, which no URL can carry.
   */
  static Gen<String> anyString() {
    Gen<Integer> codePoint = Generate.frequency(
        Pair.of(6, Generate.range(0, 0x7F)),
        Pair.of(6, Generate.range(0x80, Character.MIN_SURROGATE - 1)),
        Pair.of(2, Generate.range(Character.MAX_SURROGATE + 1, 0xFFFF)),
        Pair.of(1, Generate.range(Character.MIN_SUPPLEMENTARY_CODE_POINT, Character.MAX_CODE_POINT)));
    return SourceDSL.lists().of(codePoint).ofSizeBetween(0, 60).map(cps -> {
      StringBuilder sb = new StringBuilder();
      cps.forEach(sb::appendCodePoint);
      return sb.toString();
    });
  }

  /** A path segment: not empty and not a dot segment. */
  static Gen<String> anyId() {
    return anyString().map(s -> s.isEmpty() || s.equals(".") || s.equals("..") ? s + "x" : s);
  }

  @Test
  void filterValuesSurviveTheQueryString() {
    qt().withExamples(300).forAll(anyString(), anyString()).checkAssert((userName, title) -> {
      Filter f = Filter.eq("userName", userName).and(Filter.co("title", title).negate());
      HttpUrl url = transport.url(Transport.Req.get().path("Users").query("filter", f.toString()));
      HttpUrl reparsed = HttpUrl.get(url.toString());
      assertThat(Filter.parse(reparsed.queryParameter("filter"))).isEqualTo(f);
    });
  }

  @Test
  void idsStayOneSegment() {
    qt().withExamples(200).forAll(anyId()).checkAssert(id -> {
          HttpUrl url = transport.url(Transport.Req.get().path("Users").path(id));
          HttpUrl reparsed = HttpUrl.get(url.toString());
          assertThat(reparsed.pathSegments()).containsExactly("scim", "v2", "Users", id);
        });
  }
}

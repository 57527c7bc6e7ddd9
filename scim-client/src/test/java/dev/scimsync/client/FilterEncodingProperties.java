package dev.scimsync.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.filter.Filter;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Any value put into a filter reaches the server as filter text that parses back to the same filter. */
class FilterEncodingProperties {

  private final Transport transport = new Transport(new OkHttpClient(), HttpUrl.get("https://x.example/scim/v2"),
      null, RetryPolicy.none(), null, TimeSource.system(), List.of(), "t");

  @Property(tries = 300)
  void filterValuesSurviveTheQueryString(@ForAll String userName, @ForAll String title) {
    Filter f = Filter.eq("userName", userName).and(Filter.co("title", title).negate());
    HttpUrl url = transport.url(Transport.Req.get().path("Users").query("filter", f.toString()));
    HttpUrl reparsed = HttpUrl.get(url.toString());
    assertThat(Filter.parse(reparsed.queryParameter("filter"))).isEqualTo(f);
  }

  @Property(tries = 200)
  void idsStayOneSegment(@ForAll String id) {
    net.jqwik.api.Assume.that(!id.isEmpty() && !id.equals(".") && !id.equals(".."));
    HttpUrl url = transport.url(Transport.Req.get().path("Users").path(id));
    HttpUrl reparsed = HttpUrl.get(url.toString());
    assertThat(reparsed.pathSegments()).containsExactly("scim", "v2", "Users", id);
  }
}

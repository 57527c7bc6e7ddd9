package dev.scimsync.sync.scim;

import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fetches a query page at a given {@code startIndex} or {@code cursor}. scim-client's queries page
 * only from the start (its page fetch by position is not public yet), so this interceptor rewrites
 * the paging parameters of the first-page request sent on the current thread. Temporary: replace
 * with the client's resumable page position once it has one.
 */
final class PagePositions implements Interceptor {

  private final ThreadLocal<Map<String, String>> overrides = new ThreadLocal<>();

  /** Runs {@code fetch} with its request's query parameters {@code params} replaced. */
  <T> T with(Map<String, String> params, Supplier<T> fetch) {
    overrides.set(params);
    try {
      return fetch.get();
    } finally {
      overrides.remove();
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Map<String, String> o = overrides.get();
    Request request = chain.request();
    if (o == null || o.isEmpty() || !request.method().equals("GET")) {
      return chain.proceed(request);
    }
    HttpUrl.Builder url = request.url().newBuilder();
    o.forEach(url::setQueryParameter);
    return chain.proceed(request.newBuilder().url(url.build()).build());
  }
}

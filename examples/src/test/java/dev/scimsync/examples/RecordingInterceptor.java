package dev.scimsync.examples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OkHttp application interceptor that records every exchange of a {@code ScimClient}: the
 * request as sent (method, URL, headers, body bytes) and the response as received (status,
 * headers, body bytes), without changing either.
 */
final class RecordingInterceptor implements Interceptor {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** One request and its response, bytes as on the wire (after OkHttp's decoding of the transfer). */
  record Exchange(String method, String url, String requestContentType, byte[] requestBody, int status,
      String responseContentType, String etag, byte[] responseBody) {
    JsonNode requestJson() {
      return requestBody.length == 0 ? null : JSON.readTree(requestBody);
    }

    JsonNode responseJson() {
      return responseBody.length == 0 ? null : JSON.readTree(responseBody);
    }

    @Override
    public String toString() {
      return method + " " + url + " -> " + status;
    }
  }

  private final List<Exchange> exchanges = new ArrayList<>();

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    byte[] body = new byte[0];
    String contentType = null;
    if (request.body() != null) {
      Buffer buffer = new Buffer();
      request.body().writeTo(buffer);
      body = buffer.readByteArray();
      contentType = request.body().contentType() == null ? null : request.body().contentType().toString();
    }
    Response response = chain.proceed(request);
    byte[] responseBody = response.peekBody(Long.MAX_VALUE).bytes();
    synchronized (this) {
      exchanges.add(new Exchange(request.method(), request.url().toString(), contentType, body, response.code(),
          response.header("Content-Type"), response.header("ETag"), responseBody));
    }
    return response;
  }

  synchronized void clear() {
    exchanges.clear();
  }

  synchronized List<Exchange> all() {
    return List.copyOf(exchanges);
  }

  /** The only recorded exchange matching {@code p}. */
  synchronized Exchange only(Predicate<Exchange> p) {
    List<Exchange> found = exchanges.stream().filter(p).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one matching exchange, found " + found + " among " + exchanges);
    }
    return found.get(0);
  }

  /** The last recorded exchange with {@code method}. */
  synchronized Exchange last(String method) {
    for (int i = exchanges.size() - 1; i >= 0; i--) {
      if (exchanges.get(i).method().equals(method)) {
        return exchanges.get(i);
      }
    }
    throw new AssertionError("no " + method + " among " + exchanges);
  }
}

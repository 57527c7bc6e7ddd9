package dev.scimsync.set;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Serves a {@link SetPollEndpoint} on the JDK's HTTP server: POST only, the stream chosen (and the
 * receiver authenticated) by a function of the exchange that returns null to refuse with 401.
 */
public final class JdkSetPollHandler implements HttpHandler {

  private final SetPollEndpoint endpoint;
  private final Function<HttpExchange, @Nullable String> streamOf;

  /**
   * A handler.
   *
   * @param streamOf the stream of an authenticated receiver, or null to answer 401
   */
  public JdkSetPollHandler(SetPollEndpoint endpoint, Function<HttpExchange, @Nullable String> streamOf) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.streamOf = Objects.requireNonNull(streamOf, "streamOf");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      SetPollEndpoint.Answer answer;
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        answer = refusal(405, SetError.INVALID_REQUEST, "poll with POST");
      } else {
        String stream = streamOf.apply(exchange);
        if (stream == null) {
          exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
          answer = refusal(401, SetError.AUTHENTICATION_FAILED, "authentication required");
        } else {
          byte[] body = read(exchange.getRequestBody());
          answer = body == null ? refusal(400, SetError.INVALID_REQUEST, "the poll request is too large")
              : endpoint.poll(stream, body);
        }
      }
      byte[] out = answer.body();
      exchange.getResponseHeaders().set("Content-Type", SetPollEndpoint.Answer.CONTENT_TYPE);
      exchange.sendResponseHeaders(answer.status(), out.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(out);
      }
    }
  }

  private static SetPollEndpoint.Answer refusal(int status, String err, String description) {
    return new SetPollEndpoint.Answer(status,
        dev.scimsync.core.json.ScimJson.writeBytes(new SetError(err, description).toJson()));
  }

  private static byte @Nullable [] read(InputStream in) throws IOException {
    byte[] b = in.readNBytes(SetPollEndpoint.MAX_BODY_BYTES + 1);
    return b.length > SetPollEndpoint.MAX_BODY_BYTES ? null : b;
  }
}

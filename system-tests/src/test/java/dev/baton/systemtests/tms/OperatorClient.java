package dev.baton.systemtests.tms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The terminal management operator API as a script calls it, with a fresh access token of one
 * demo terminal operator (password grant on the public client baton-cli).
 */
public final class OperatorClient {

  /** The terminal management API on the edge. */
  public static final String TMS = "http://127.0.0.1:8080/tms/api";
  private static final String TOKEN = "http://127.0.0.1:8180/realms/baton/protocol/openid-connect/token";

  /** A terminal enrolled by {@link #enrolDemoTerminal}: its id and one-time activation code. */
  public record Enrolled(long terminalId, String serialNumber, String activationCode) {}

  private final HttpClient http;
  private final String token;

  private OperatorClient(HttpClient http, String token) {
    this.http = http;
    this.token = token;
  }

  /** Signs {@code user} in (the demo users' passwords are their names). */
  public static OperatorClient signIn(HttpClient http, String user) throws IOException, InterruptedException {
    HttpResponse<String> answer = http.send(
        HttpRequest.newBuilder(URI.create(TOKEN))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=baton-cli&username=" + user + "&password=" + user))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    return new OperatorClient(http, Json.field(answer.body(), "access_token"));
  }

  /** One call to {@code /operator<path>}, with a JSON body or none. */
  public HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
    HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(TMS + "/operator" + path)));
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Enrols a terminal of the demo model and merchant, in {@code group} (or none when null); fails unless it is enrolled. */
  public Enrolled enrolDemoTerminal(String serial, String tid, String group) throws IOException, InterruptedException {
    HttpResponse<String> enrolled = call("POST", "/terminals", "{\"serialNumber\":\"" + serial + "\",\"model\":\"DEMO-POS\",\"tid\":\"" + tid
        + "\",\"mid\":\"DEMOSHOP1\"" + (group == null ? "" : ",\"group\":\"" + group + "\"") + "}");
    assertEquals(201, enrolled.statusCode(), enrolled.body());
    return new Enrolled(Json.number(enrolled.body(), "terminalId"), serial, Json.field(enrolled.body(), "activationCode"));
  }

  /** Uploads a package; {@code query} holds name, version, kind and the optional sha256 and models. */
  public HttpResponse<String> upload(String query, byte[] content) throws IOException, InterruptedException {
    return http.send(
        authorized(HttpRequest.newBuilder(URI.create(TMS + "/operator/packages?" + query)))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(content))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The bytes {@code /operator<path>} answers. */
  public HttpResponse<byte[]> bytes(String path) throws IOException, InterruptedException {
    return http.send(authorized(HttpRequest.newBuilder(URI.create(TMS + "/operator" + path))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
    return builder.header("Authorization", "Bearer " + token);
  }
}

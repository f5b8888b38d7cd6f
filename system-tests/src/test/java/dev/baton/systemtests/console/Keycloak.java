package dev.baton.systemtests.console;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Access tokens of the demo users, as a script gets them: password grant on the public client baton-cli. */
final class Keycloak {

  private static final URI TOKEN = URI.create("http://localhost:8180/realms/baton/protocol/openid-connect/token");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  private Keycloak() {}

  /** The user's access token (the demo users' passwords are their names); cached for the run. */
  static String token(String user) {
    return TOKENS.computeIfAbsent(user, Keycloak::fetch);
  }

  private static String fetch(String user) {
    String form = "grant_type=password&client_id=baton-cli&username=" + encode(user) + "&password=" + encode(user);
    try {
      HttpResponse<String> answer = HTTP.send(
          HttpRequest.newBuilder(TOKEN).header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("Keycloak refused a token for " + user + ": " + answer.statusCode() + " " + answer.body());
      }
      JsonObject body = Json.createReader(new StringReader(answer.body())).readObject();
      return body.getString("access_token");
    } catch (IOException e) {
      throw new IllegalStateException("Keycloak did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}

package dev.baton.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./baton move <BANK|--all> --to <A|B>}: the management API's move, for a person at a
 * terminal. Signs in to Keycloak with the password grant of the public client {@code baton-cli}
 * as {@code BATON_USER} / {@code BATON_PASSWORD} (the demo's operator when unset), then calls
 * {@code POST /api/banks/{id}/move} or {@code /api/banks/move-all} and prints the answer.
 */
final class MoveCommand {

  private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /** What was asked: one bank or all, and the target node. */
  record Request(String bank, String to) {
    boolean all() {
      return bank == null;
    }
  }

  private MoveCommand() {}

  /** Parses {@code <BANK|--all> --to <A|B>}; throws with the usage line when it does not parse. */
  static Request parse(List<String> args) {
    String bank = null;
    String to = null;
    boolean all = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--to") && i + 1 < args.size()) {
        to = args.get(++i).toUpperCase(Locale.ROOT);
      } else if (arg.equals("--all")) {
        all = true;
      } else if (!arg.startsWith("-") && bank == null) {
        bank = arg;
      } else {
        throw new IllegalArgumentException(usage("unexpected argument '" + arg + "'"));
      }
    }
    if (all == (bank != null)) {
      throw new IllegalArgumentException(usage("name one bank or --all"));
    }
    if (!"A".equals(to) && !"B".equals(to)) {
      throw new IllegalArgumentException(usage("--to A or --to B"));
    }
    return new Request(bank, to);
  }

  /** Runs the move; the exit code is 0 when the API answered 2xx, else 1. */
  static int run(Request request, Settings settings, PrintStream out, PrintStream err) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String user = env("BATON_USER", "operator");
    try {
      String token = token(http, settings.keycloakUrl(), user, env("BATON_PASSWORD", "operator"));
      String path = request.all() ? "/api/banks/move-all" : "/api/banks/" + URLEncoder.encode(request.bank(), StandardCharsets.UTF_8) + "/move";
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(env("BATON_API_URL", "http://localhost:8080") + path))
                  .timeout(PATIENCE)
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + request.to() + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      (answer.statusCode() / 100 == 2 ? out : err).println(answer.statusCode() + " " + answer.body());
      return answer.statusCode() / 100 == 2 ? 0 : 1;
    } catch (IOException e) {
      err.println("baton: the management API or Keycloak did not answer: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (IllegalStateException e) {
      err.println("baton: " + e.getMessage());
      return 1;
    }
  }

  private static String token(HttpClient http, String keycloak, String user, String password)
      throws IOException, InterruptedException {
    String form =
        "grant_type=password&client_id=baton-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(keycloak + "/realms/baton/protocol/openid-connect/token"))
                .timeout(PATIENCE)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher token = ACCESS_TOKEN.matcher(answer.body());
    if (answer.statusCode() != 200 || !token.find()) {
      throw new IllegalStateException("Keycloak refused a token for " + user + " (" + answer.statusCode() + ")");
    }
    return token.group(1);
  }

  private static String env(String name, String otherwise) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? otherwise : value;
  }

  private static String usage(String problem) {
    return problem + "; usage: ./baton move <BANK|--all> --to <A|B>";
  }
}

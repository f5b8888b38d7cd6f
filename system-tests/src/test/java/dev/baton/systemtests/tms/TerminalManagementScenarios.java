package dev.baton.systemtests.tms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Terminal management over HTTP against the started topology: the demo operator {@code tms}
 * (tenant {@code demo}) enrols a terminal and deploys a package to it; a simulated terminal
 * activates, checks in, gets the task, downloads the package with an interrupted and resumed
 * Range request, checks the SHA-256 and reports success; the operator then sees it installed.
 */
public abstract class TerminalManagementScenarios {

  private static final String TMS = OperatorClient.TMS;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private OperatorClient operator;

  @BeforeEach
  void signInAsTheDemoTerminalOperator() throws IOException, InterruptedException {
    operator = OperatorClient.signIn(http, "tms");
  }

  @Test
  void aTerminalActivatesGetsItsPackageThroughAnInterruptedDownloadAndTheOperatorSeesItInstalled() throws Exception {
    String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase();
    HttpResponse<String> enrolled = operator.call("POST", "/terminals",
        "{\"serialNumber\":\"SIM-" + unique + "\",\"model\":\"DEMO-POS\",\"tid\":\"S" + unique + "\",\"mid\":\"DEMOSHOP1\",\"group\":\"pilot\"}");
    assertEquals(201, enrolled.statusCode(), enrolled.body());
    long terminalId = Json.number(enrolled.body(), "terminalId");
    String code = Json.field(enrolled.body(), "activationCode");

    byte[] content = new byte[300_000];
    new Random(42).nextBytes(content);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    HttpResponse<String> uploaded =
        operator.upload("name=sim-app&kind=APPLICATION&version=" + unique + "&sha256=" + URLEncoder.encode(sha256, StandardCharsets.UTF_8), content);
    assertEquals(201, uploaded.statusCode(), uploaded.body());
    long packageId = Json.number(uploaded.body(), "id");

    HttpResponse<String> deployed = operator.call("POST", "/deployments",
        "{\"name\":\"sim-app " + unique + "\",\"packageId\":" + packageId + ",\"terminalIds\":[" + terminalId + "],"
            + "\"windowEnd\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\",\"rolloutPercent\":100}");
    assertEquals(201, deployed.statusCode(), deployed.body());
    long deploymentId = Json.number(deployed.body(), "deploymentId");

    TerminalSimulator terminal = new TerminalSimulator(http, TMS + "/terminal", "SIM-" + unique);
    terminal.activate(code);
    assertEquals(401, terminal.activateAgain(code).statusCode(), "the activation code works once");
    assertEquals(401, terminal.withCredential("guessed").tasks().statusCode(), "a wrong credential is refused");

    HttpResponse<String> checkIn = terminal.checkIn(
        "{\"firmware\":\"sim-fw-1\",\"batteryPercent\":77,\"signalDbm\":-65,\"keyInjection\":\"INJECTED\",\"applications\":{\"sim-app\":\"0\"}}");
    assertEquals(200, checkIn.statusCode(), checkIn.body());
    assertEquals(1, Json.number(checkIn.body(), "pendingTasks"));

    HttpResponse<String> tasks = terminal.tasks();
    assertEquals(200, tasks.statusCode(), tasks.body());
    long taskId = Json.number(tasks.body(), "taskId");
    assertEquals(packageId, Json.number(tasks.body(), "packageId"));
    assertEquals(sha256, Json.field(tasks.body(), "sha256"));

    byte[] firstPart = terminal.downloadInterrupted(packageId, 100_000);
    assertEquals(100_000, firstPart.length);
    HttpResponse<byte[]> rest = terminal.resume(packageId, firstPart.length);
    assertEquals(206, rest.statusCode());
    assertEquals("bytes 100000-299999/300000", rest.headers().firstValue("Content-Range").orElseThrow());
    byte[] whole = TerminalSimulator.concat(firstPart, rest.body());
    String announced = rest.headers().firstValue("X-Checksum-SHA256").orElseThrow();
    assertEquals(sha256, announced);
    assertEquals(announced, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(whole)), "the resumed download is whole");
    assertArrayEquals(content, whole);

    assertEquals(204, terminal.report(taskId, true, null).statusCode());

    HttpResponse<String> progress = operator.call("GET", "/deployments/" + deploymentId, null);
    assertEquals(200, progress.statusCode(), progress.body());
    assertEquals(1, Json.number(progress.body(), "INSTALLED"), progress.body());
    HttpResponse<String> perTerminal = operator.call("GET", "/deployments/" + deploymentId + "/tasks", null);
    assertEquals("INSTALLED", Json.field(perTerminal.body(), "status"), perTerminal.body());
    HttpResponse<String> view = operator.call("GET", "/terminals/" + terminalId, null);
    assertEquals("ACTIVE", Json.field(view.body(), "status"), view.body());
    assertEquals("sim-fw-1", Json.field(view.body(), "firmware"), view.body());

    // The operator of another tenant, holding these real ids, reaches none of them.
    OperatorClient own = operator;
    operator = OperatorClient.signIn(http, "tms2");
    try {
      assertEquals(404, operator.call("GET", "/terminals/" + terminalId, null).statusCode(), "terminal");
      assertEquals(404, operator.call("POST", "/terminals/" + terminalId + "/status", "{\"status\":\"BLOCKED\"}").statusCode(), "terminal block");
      assertEquals(404, operator.call("POST", "/terminals/" + terminalId + "/log-requests", null).statusCode(), "terminal logs");
      assertEquals(404, operator.call("GET", "/packages/" + packageId, null).statusCode(), "package");
      assertEquals(404, operator.call("GET", "/deployments/" + deploymentId, null).statusCode(), "deployment");
      assertEquals(404, operator.call("POST", "/deployments/" + deploymentId + "/cancel", null).statusCode(), "deployment cancel");
      assertEquals(404, operator.call("POST", "/deployments", "{\"name\":\"steal\",\"packageId\":" + packageId + ",\"terminalIds\":["
          + terminalId + "],\"windowEnd\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\",\"rolloutPercent\":100}").statusCode(),
          "deployment of another tenant's package to its terminal");
    } finally {
      operator = own;
    }
    assertEquals("ACTIVE", Json.field(operator.call("GET", "/terminals/" + terminalId, null).body(), "status"), "unchanged by the other tenant");
  }

  @Test
  void aTerminalAppliesItsEffectiveParametersAndSendsTheLogsTheOperatorAskedFor() throws Exception {
    String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase();
    HttpResponse<String> enrolled = operator.call("POST", "/terminals",
        "{\"serialNumber\":\"PRM-" + unique + "\",\"model\":\"DEMO-POS\",\"tid\":\"P" + unique + "\",\"mid\":\"DEMOSHOP1\"}");
    assertEquals(201, enrolled.statusCode(), enrolled.body());
    long terminalId = Json.number(enrolled.body(), "terminalId");
    TerminalSimulator terminal = new TerminalSimulator(http, TMS + "/terminal", "PRM-" + unique);
    terminal.activate(Json.field(enrolled.body(), "activationCode"));

    HttpResponse<String> profile = operator.call("POST", "/profiles", "{\"name\":\"retail-" + unique + "\",\"application\":\"pay\","
        + "\"parameters\":[{\"name\":\"timeout\",\"type\":\"INTEGER\",\"min\":5,\"max\":120,\"defaultValue\":\"30\"}]}");
    assertEquals(200, profile.statusCode(), profile.body());
    long profileId = Json.number(profile.body(), "id");
    HttpResponse<String> refused = operator.call("POST", "/profiles/" + profileId + "/versions",
        "[{\"level\":\"TERMINAL\",\"scopeId\":" + terminalId + ",\"name\":\"timeout\",\"value\":\"500\"}]");
    assertEquals(400, refused.statusCode(), "a value above the maximum is refused: " + refused.body());
    HttpResponse<String> version = operator.call("POST", "/profiles/" + profileId + "/versions",
        "[{\"level\":\"TERMINAL\",\"scopeId\":" + terminalId + ",\"name\":\"timeout\",\"value\":\"90\"}]");
    assertEquals(200, version.statusCode(), version.body());
    assertEquals(1, Json.number(version.body(), "number"));
    HttpResponse<String> deployed = operator.call("POST", "/deployments",
        "{\"name\":\"retail " + unique + "\",\"profileVersionId\":" + Json.number(version.body(), "id") + ",\"terminalIds\":[" + terminalId + "],"
            + "\"windowEnd\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\",\"rolloutPercent\":100}");
    assertEquals(201, deployed.statusCode(), deployed.body());

    HttpResponse<String> tasks = terminal.tasks();
    assertEquals("PROFILE", Json.field(tasks.body(), "kind"), tasks.body());
    HttpResponse<String> parameters = terminal.get("/profiles/" + profileId + "/versions/1");
    assertEquals(200, parameters.statusCode(), parameters.body());
    assertEquals("90", Json.field(parameters.body(), "value"), parameters.body());
    assertEquals("TERMINAL", Json.field(parameters.body(), "from"), parameters.body());
    assertEquals(204, terminal.report(Json.number(tasks.body(), "taskId"), true, null).statusCode());

    HttpResponse<String> asked = operator.call("POST", "/terminals/" + terminalId + "/log-requests", null);
    assertEquals(200, asked.statusCode(), asked.body());
    long logTask = Json.number(asked.body(), "taskId");
    assertEquals("LOG_UPLOAD", Json.field(terminal.tasks().body(), "kind"));
    byte[] logs = ("boot ok\nemv kernel 1.0\n" + unique).getBytes(StandardCharsets.UTF_8);
    assertEquals(201, terminal.uploadLogs(logTask, logs).statusCode());
    HttpResponse<byte[]> fetched = operator.bytes("/logs/" + logTask);
    assertEquals(200, fetched.statusCode());
    assertArrayEquals(logs, fetched.body(), "the operator reads the logs the terminal sent");
    assertEquals("[]", terminal.tasks().body().replace(" ", ""), "no task left");
  }

  @Test
  void aTerminalCallingTooOftenIsAnswered429WithWhenToRetry() throws Exception {
    TerminalSimulator stranger = new TerminalSimulator(http, TMS + "/terminal", "LOOP-" + UUID.randomUUID());
    int refused = 0;
    HttpResponse<String> answer = null;
    for (int i = 0; i < 40 && (answer == null || answer.statusCode() != 429); i++) {
      answer = stranger.activateAgain("WRONGCODE");
      if (answer.statusCode() == 401) {
        refused++;
      }
    }
    assertEquals(429, answer.statusCode(), "after " + refused + " refused activations");
    assertTrue(refused >= 1, "wrong codes are refused before the limit is reached");
    assertTrue(Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow()) >= 1);
  }

  @Test
  void theOperatorApiRefusesCallsWithoutAToken() throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(TMS + "/operator/terminals")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(401, answer.statusCode(), answer.body());
  }

  @Test
  void anUnknownTerminalIdAnswersNotFoundToTheOperator() throws Exception {
    HttpResponse<String> answer = operator.call("GET", "/terminals/" + Long.MAX_VALUE, null);
    assertEquals(404, answer.statusCode(), answer.body());
    assertTrue(answer.body().contains("not found"), answer.body());
  }
}

package dev.baton.systemtests.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.systemtests.tms.Json;
import dev.baton.systemtests.tms.OperatorClient;
import dev.baton.systemtests.tms.TerminalSimulator;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Rows of the demo tenant made through the operator and terminal APIs, for another tenant's
 * operator to try: an activated terminal with uploaded logs, a package, a deployment of it to the
 * terminal, a profile with a published version.
 */
record Demo(String serial, long terminalId, long logTaskId, byte[] logs, long packageId, long deploymentId, long profileId) {

  static Demo create(HttpClient http, String unique) throws Exception {
    OperatorClient tms = OperatorClient.signIn(http, "tms");
    String serial = "OWN-" + unique;
    OperatorClient.Enrolled enrolled = tms.enrolDemoTerminal(serial, "O" + unique, "pilot");
    long terminalId = enrolled.terminalId();
    TerminalSimulator terminal = new TerminalSimulator(http, OperatorClient.TMS + "/terminal", serial);
    terminal.activate(enrolled.activationCode());

    long logTask = Json.number(created(tms.call("POST", "/terminals/" + terminalId + "/log-requests", null), 200), "taskId");
    byte[] logs = ("boot ok " + unique).getBytes(StandardCharsets.UTF_8);
    assertEquals(201, terminal.uploadLogs(logTask, logs).statusCode());

    long packageId = Json.number(created(tms.upload("name=own-app&kind=APPLICATION&version=" + unique, new byte[] {1, 2, 3}), 201), "id");
    long deploymentId = Json.number(created(tms.call("POST", "/deployments", "{\"name\":\"own " + unique + "\",\"packageId\":" + packageId
        + ",\"terminalIds\":[" + terminalId + "],\"windowEnd\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\",\"rolloutPercent\":100}"), 201),
        "deploymentId");
    long profileId = Json.number(created(tms.call("POST", "/profiles", "{\"name\":\"own-" + unique + "\",\"application\":\"pay\","
        + "\"parameters\":[{\"name\":\"timeout\",\"type\":\"INTEGER\",\"min\":5,\"max\":120,\"defaultValue\":\"30\"}]}"), 200), "id");
    created(tms.call("POST", "/profiles/" + profileId + "/versions",
        "[{\"level\":\"TERMINAL\",\"scopeId\":" + terminalId + ",\"name\":\"timeout\",\"value\":\"60\"}]"), 200);
    return new Demo(serial, terminalId, logTask, logs, packageId, deploymentId, profileId);
  }

  private static String created(HttpResponse<String> answer, int status) {
    assertEquals(status, answer.statusCode(), answer.body());
    return answer.body();
  }
}

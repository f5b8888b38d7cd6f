package dev.baton.systemtests.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.systemtests.Poll;
import dev.baton.systemtests.console.Api.Answer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every call of the management API with every demo user: the roles a call allows get its answer,
 * the others 403 (problem+json), no token 401. Then the contract's refusals (400, 404) and the
 * configuration's field checks, each of which must leave the configuration as it was.
 */
public abstract class ManagementApiScenarios {

  private static final Set<String> READ = Set.of("viewer", "operator", "admin");
  private static final Set<String> OPERATE = Set.of("operator", "admin");
  private static final Set<String> ADMINISTER = Set.of("admin");
  /** The demo users; "tms" holds none of the console's roles. */
  private static final List<String> USERS = List.of("viewer", "operator", "admin", "tms");

  private record Call(String method, Supplier<String> path, String body, Set<String> allowed, int answer) {
    String describe() {
      return method + " " + path.get();
    }
  }

  private static final String BANK =
      "{\"id\":\"APIT\",\"name\":\"API test bank\",\"role\":\"ACQUIRER\",\"homeNode\":\"A\",\"enabled\":true}";
  private static final String SESSION =
      "{\"id\":\"APIT-1\",\"bankId\":\"APIT\",\"mode\":\"LISTEN\",\"host\":\"127.0.0.1\",\"port\":10091,"
          + "\"allowedSources\":\"127.0.0.1/32\",\"framing\":\"BINARY2\",\"packager\":\"ISO87B\",\"echoIntervalMs\":0,"
          + "\"idleTimeoutMs\":0,\"readTimeoutMs\":10000,\"maxFrameSize\":8192,\"badFramesToClose\":5,\"enabled\":true}";
  private static final String RULE =
      "{\"bankId\":\"APIT\",\"direction\":\"INBOUND\",\"position\":1,\"action\":\"STRIP\",\"field\":48,\"enabled\":true}";

  @TestFactory
  Stream<DynamicTest> everyCallAnswersTheRolesItAllowsAndRefusesTheOthers() {
    AtomicLong rule = new AtomicLong();
    // moves that are allowed really move: note where every bank is, to put them back at the end
    Map<String, String> nodes = nodesOfBanks();
    String acq2 = nodes.get("ACQ2");
    List<Call> calls = List.of(
        new Call("GET", () -> "/api/banks", null, READ, 200),
        new Call("GET", () -> "/api/banks/ACQ1", null, READ, 200),
        new Call("GET", () -> "/api/nodes", null, READ, 200),
        new Call("GET", () -> "/api/nodes/A/history", null, READ, 200),
        new Call("GET", () -> "/api/switchovers", null, READ, 200),
        new Call("GET", () -> "/api/audit", null, ADMINISTER, 200),
        new Call("GET", () -> "/api/configuration/banks", null, ADMINISTER, 200),
        new Call("PUT", () -> "/api/configuration/banks/APIT", BANK, ADMINISTER, 200),
        new Call("GET", () -> "/api/configuration/sessions", null, ADMINISTER, 200),
        new Call("PUT", () -> "/api/configuration/sessions/APIT-1", SESSION, ADMINISTER, 200),
        new Call("POST", () -> "/api/sessions/APIT-1/disable", null, OPERATE, 204),
        new Call("POST", () -> "/api/sessions/APIT-1/enable", null, OPERATE, 204),
        new Call("POST", () -> "/api/sessions/APIT-1/disconnect", null, OPERATE, 204),
        new Call("GET", () -> "/api/configuration/bin-ranges", null, ADMINISTER, 200),
        new Call("POST", () -> "/api/configuration/bin-ranges", "{\"prefix\":\"999901\",\"issuerId\":\"ISS1\"}", ADMINISTER, 201),
        new Call("GET", () -> "/api/configuration/field-corrections", null, ADMINISTER, 200),
        new Call("POST", () -> "/api/configuration/field-corrections", RULE, ADMINISTER, 201),
        new Call("PUT", () -> "/api/configuration/field-corrections/" + rule.get(), RULE, ADMINISTER, 200),
        new Call("DELETE", () -> "/api/configuration/field-corrections/" + rule.get(), null, ADMINISTER, 204),
        new Call("DELETE", () -> "/api/configuration/bin-ranges/999901", null, ADMINISTER, 204),
        new Call("DELETE", () -> "/api/configuration/sessions/APIT-1", null, ADMINISTER, 204),
        new Call("DELETE", () -> "/api/configuration/banks/APIT", null, ADMINISTER, 204),
        new Call("POST", () -> "/api/banks/ACQ2/move", "{\"to\":\"" + acq2 + "\"}", OPERATE, 200),
        new Call("POST", () -> "/api/banks/move-all", "{\"to\":\"A\"}", OPERATE, 200));
    List<DynamicTest> tests = new ArrayList<>();
    for (Call call : calls) {
      tests.add(DynamicTest.dynamicTest("no token: " + call.method() + " is answered 401", () -> {
        Answer answer = Api.call(call.method(), call.path().get(), call.body(), null);
        assertEquals(401, answer.status(), call.describe() + " without a token: " + answer.body());
      }));
      for (String user : USERS) {
        if (!call.allowed().contains(user)) {
          tests.add(DynamicTest.dynamicTest(user + ": " + call.method() + " refused 403", () -> {
            Answer answer = Api.call(call.method(), call.path().get(), call.body(), user);
            assertEquals(403, answer.status(), user + " " + call.describe() + ": " + answer.body());
            if (!"tms".equals(user)) {
              assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
              assertFalse(((JsonObject) answer.json()).getString("detail").isBlank());
            }
          }));
        }
      }
      for (String user : USERS) {
        if (call.allowed().contains(user)) {
          tests.add(DynamicTest.dynamicTest(user + ": " + call.method() + " answered " + call.answer(), () -> {
            Answer answer = Api.call(call.method(), call.path().get(), call.body(), user);
            assertEquals(call.answer(), answer.status(), user + " " + call.describe() + ": " + answer.body());
            if (call.method().equals("POST") && call.path().get().endsWith("field-corrections")) {
              rule.set(((JsonObject) answer.json()).getJsonNumber("id").longValue());
            }
          }));
        }
      }
    }
    tests.add(DynamicTest.dynamicTest("the banks go back to the nodes they were on", () -> {
      for (Map.Entry<String, String> bank : nodes.entrySet()) {
        ConsoleScenarios.moveViaApi(bank.getKey(), bank.getValue());
      }
    }));
    return tests.stream();
  }

  @Test
  void banksListEveryDemoBankWithItsNodeAndSessionStates() {
    JsonArray banks = (JsonArray) Api.call("GET", "/api/banks", null, "viewer").json();
    List<String> ids = banks.getValuesAs(JsonObject.class).stream().map(bank -> bank.getString("id")).toList();
    assertTrue(ids.containsAll(List.of("ACQ1", "ACQ2", "ISS1", "ISS2")), ids.toString());
    for (JsonObject bank : banks.getValuesAs(JsonObject.class)) {
      assertTrue(Set.of("A", "B").contains(bank.getString("node")), bank.toString());
      assertTrue(Set.of("ACQUIRER", "ISSUER", "BOTH").contains(bank.getString("role")), bank.toString());
      for (JsonObject session : bank.getJsonArray("sessions").getValuesAs(JsonObject.class)) {
        assertTrue(Set.of("DISCONNECTED", "CONNECTED").contains(session.getString("transportState")), session.toString());
        assertTrue(Set.of("SIGNED_OFF", "SIGNED_ON").contains(session.getString("signOnState")), session.toString());
        assertTrue(session.containsKey("remoteAddress") && session.containsKey("connectedSince"), "every contract field is present: " + session);
      }
    }
  }

  @Test
  void nodesShowStateHeartbeatBanksAndInFlight() {
    JsonArray nodes = (JsonArray) Api.call("GET", "/api/nodes", null, "viewer").json();
    assertEquals(List.of("A", "B"), nodes.getValuesAs(JsonObject.class).stream().map(node -> node.getString("id")).toList());
    for (JsonObject node : nodes.getValuesAs(JsonObject.class)) {
      assertEquals("UP", node.getString("state"), node.toString());
      assertTrue(node.getJsonNumber("heartbeatAgeMillis").longValue() < 5_000, node.toString());
      assertTrue(node.containsKey("lastHeartbeat") && node.containsKey("inFlight") && node.containsKey("banks"), node.toString());
    }
  }

  @Test
  void aMoveWhoseBodyIsNotToAOrBIsRefused400WithADetail() {
    for (String body : List.of("", "{\"to\":\"C\"}", "{\"node\":\"A\"}", "A")) {
      Answer answer = Api.call("POST", "/api/banks/ACQ1/move", body, "operator");
      assertEquals(400, answer.status(), "body '" + body + "': " + answer.body());
      assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
      assertFalse(((JsonObject) answer.json()).getString("detail").isBlank());
    }
  }

  /** The pid file of a server of the topology ("node-a", "node-b"). */
  protected abstract Path pidFile(String role);

  @Test
  void aMoveToANodeThatIsNotUpIsRefused409AndChangesNothing() throws Exception {
    Map<String, String> before = nodesOfBanks();
    String target = "A".equals(before.get("ACQ2")) ? "B" : "A";
    long node = Long.parseLong(Files.readString(pidFile("A".equals(target) ? "node-a" : "node-b")).strip());
    signal("STOP", node);
    try {
      Poll.until("node " + target + " is not UP on the nodes call", Duration.ofSeconds(10), () -> !nodeUp(target));
      Answer answer = Api.call("POST", "/api/banks/ACQ2/move", "{\"to\":\"" + target + "\"}", "operator");
      assertEquals(409, answer.status(), answer.body());
      assertTrue(((JsonObject) answer.json()).getString("detail").contains(target), answer.body());
      assertEquals(before.get("ACQ2"), ConsoleScenarios.nodeViaApi("ACQ2"), "the refused move changed nothing");
    } finally {
      signal("CONT", node);
      Poll.until("node " + target + " is UP again", Duration.ofSeconds(30), () -> nodeUp(target));
      // the frozen node's banks failed over to the other node: put every bank back where it was
      for (Map.Entry<String, String> bank : before.entrySet()) {
        ConsoleScenarios.moveViaApi(bank.getKey(), bank.getValue());
      }
    }
  }

  private static boolean nodeUp(String id) {
    return ((JsonArray) Api.call("GET", "/api/nodes", null, "viewer").json()).getValuesAs(JsonObject.class).stream()
        .anyMatch(n -> n.getString("id").equals(id) && n.getString("state").equals("UP"));
  }

  /** Bank to node, for every bank that has a route. */
  static Map<String, String> nodesOfBanks() {
    Answer answer = Api.call("GET", "/api/banks", null, "viewer");
    assertEquals(200, answer.status(), answer.body());
    Map<String, String> nodes = new TreeMap<>();
    for (JsonObject bank : ((JsonArray) answer.json()).getValuesAs(JsonObject.class)) {
      if (bank.get("node") instanceof JsonString node) {
        nodes.put(bank.getString("id"), node.getString());
      }
    }
    return nodes;
  }

  private static void signal(String signal, long processGroup) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + processGroup).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -s " + signal + " -- -" + processGroup);
  }

  @Test
  void aMoveOfAnUnknownBankIsRefused404() {
    Answer answer = Api.call("POST", "/api/banks/NOSUCHBANK/move", "{\"to\":\"B\"}", "operator");
    assertEquals(404, answer.status(), answer.body());
    assertTrue(((JsonObject) answer.json()).getString("detail").contains("NOSUCHBANK"), answer.body());
  }

  @Test
  void aViewersMoveIsRefusedAndTheBankStaysWhereItWas() {
    String before = nodeOf("ACQ1");
    String elsewhere = "A".equals(before) ? "B" : "A";
    Answer answer = Api.call("POST", "/api/banks/ACQ1/move", "{\"to\":\"" + elsewhere + "\"}", "viewer");
    assertEquals(403, answer.status(), answer.body());
    assertEquals(before, nodeOf("ACQ1"));
  }

  @Test
  void aSessionOnAPortAnotherSessionListensOnIsRefusedOnThePortFieldAndNothingIsSaved() {
    String taken = SESSION.replace("APIT-1", "APIT-PORT").replace("\"APIT\"", "\"ACQ1\"").replace("10091", "10002");
    Answer answer = Api.call("PUT", "/api/configuration/sessions/APIT-PORT", taken, "admin");
    assertEquals(400, answer.status(), answer.body());
    String port = ((JsonObject) answer.json()).getJsonObject("fields").getString("port");
    assertTrue(port.contains("ACQ2-1"), "names the session that has the port: " + port);
    assertFalse(Api.call("GET", "/api/configuration/sessions", null, "admin").body().contains("APIT-PORT"), "nothing saved");
  }

  @Test
  void aBadCidrIsRefusedOnTheAllowedSourcesField() {
    String bad = SESSION.replace("APIT-1", "APIT-CIDR").replace("\"APIT\"", "\"ACQ1\"").replace("127.0.0.1/32", "10.0.0.0/40");
    Answer answer = Api.call("PUT", "/api/configuration/sessions/APIT-CIDR", bad, "admin");
    assertEquals(400, answer.status(), answer.body());
    assertTrue(((JsonObject) answer.json()).getJsonObject("fields").containsKey("allowedSources"), answer.body());
    assertFalse(Api.call("GET", "/api/configuration/sessions", null, "admin").body().contains("APIT-CIDR"), "nothing saved");
  }

  @Test
  void aBinPrefixAlreadyRoutedIsRefusedAsOverlapping() {
    Answer answer = Api.call("POST", "/api/configuration/bin-ranges", "{\"prefix\":\"4\",\"issuerId\":\"ISS2\"}", "admin");
    assertEquals(400, answer.status(), answer.body());
    assertTrue(((JsonObject) answer.json()).getJsonObject("fields").getString("prefix").contains("ISS1"), answer.body());
    JsonArray ranges = (JsonArray) Api.call("GET", "/api/configuration/bin-ranges", null, "admin").json();
    assertTrue(ranges.getValuesAs(JsonObject.class).stream()
        .anyMatch(range -> range.getString("prefix").equals("4") && range.getString("issuerId").equals("ISS1")), "4 still routes to ISS1");
  }

  @Test
  void anOperatorsSessionActionIsInTheAuditLogWithWhoAndWhat() {
    Instant since = Instant.now().minusSeconds(1);
    assertEquals(204, Api.call("POST", "/api/sessions/ISS1-2/disconnect", null, "operator").status());
    JsonArray events = (JsonArray) Api.call("GET", "/api/audit?since=" + since + "&action=session.&bank=ISS1", null, "admin").json();
    assertTrue(events.getValuesAs(JsonObject.class).stream().anyMatch(event ->
        event.getString("actor").equals("operator") && event.getString("action").equals("session.disconnect")
            && event.getString("subject").equals("ISS1 ISS1-2") && event.getString("outcome").equals("OK")), events.toString());
  }

  @Test
  void anAuditReadWithABadSinceIsRefused400() {
    Answer answer = Api.call("GET", "/api/audit?since=yesterday", null, "admin");
    assertEquals(400, answer.status(), answer.body());
    assertTrue(((JsonObject) answer.json()).getString("detail").contains("ISO-8601"), answer.body());
  }

  @Test
  void theOpenApiDocumentDescribesTheCallsOfTheContract() {
    Answer answer = Api.call("GET", "/openapi", null, null);
    assertEquals(200, answer.status());
    JsonObject paths = ((JsonObject) answer.json()).getJsonObject("paths");
    for (String path : List.of("/api/banks", "/api/banks/{id}/move", "/api/banks/move-all", "/api/nodes", "/api/audit")) {
      assertTrue(paths.containsKey(path), path);
    }
    assertTrue(paths.getJsonObject("/api/banks/{id}/move").getJsonObject("post").getJsonObject("responses").containsKey("409"));
  }

  private static String nodeOf(String bank) {
    JsonValue node = ((JsonObject) Api.call("GET", "/api/banks/" + bank, null, "viewer").json()).get("node");
    return node instanceof jakarta.json.JsonString text ? text.getString() : null;
  }
}

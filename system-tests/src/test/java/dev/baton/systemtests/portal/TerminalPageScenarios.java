package dev.baton.systemtests.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.systemtests.tms.Json;
import dev.baton.systemtests.tms.OperatorClient;
import dev.baton.systemtests.tms.TerminalSimulator;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The page of one terminal in the portal, with terminals enrolled through the operator API: its
 * status actions (and the terminal API's answer to them, and the audit line naming the operator),
 * its effective parameters after a value set on the profile page, the last authorization of its
 * TID.
 */
abstract class TerminalPageScenarios extends PortalSessions {

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final PortalDatabase database = new PortalDatabase(this::database);

  /** A connection to the topology's database, for what no page or API shows or writes. */
  protected abstract Connection database() throws SQLException;

  @Test
  void blockingATerminalOnItsPageStopsItsCallsUntilUnblockedAndTheAuditNamesTheOperator() throws Exception {
    String u = unique();
    OperatorClient api = OperatorClient.signIn(http, "tms");
    OperatorClient.Enrolled enrolled = api.enrolDemoTerminal("BLK-" + u, "B" + u, null);
    long terminalId = enrolled.terminalId();
    TerminalSimulator terminal = new TerminalSimulator(http, OperatorClient.TMS + "/terminal", enrolled.serialNumber());
    terminal.activate(enrolled.activationCode());
    PortalBrowser tms = open("tms");
    tms.open("terminal.xhtml?id=" + terminalId);

    tms.type("terminal:reason", "left behind in the shop");
    tms.click("terminal:block");
    tms.confirm();
    tms.until(d -> tms.text(".terminal-status").equals("BLOCKED"));
    assertEquals(401, terminal.tasks().statusCode(), "a blocked terminal's credential is refused");
    tms.click("terminal:unblock");
    tms.confirm();
    tms.until(d -> tms.text(".terminal-status").equals("ACTIVE"));
    assertEquals(200, terminal.tasks().statusCode(), "unblocked, it calls again");

    assertEquals(List.of("tms tms.terminal.blocked ACTIVE -> BLOCKED: left behind in the shop", "tms tms.terminal.active BLOCKED -> ACTIVE"),
        database.auditOfTerminal(terminalId).stream().filter(line -> line.contains("BLOCKED")).toList(), "the actor is the signed-in operator");
  }

  @Test
  void settingAValueForOneTerminalPublishesTheNextVersionAndItsPageShowsWhereEachValueComesFrom() throws Exception {
    String u = unique();
    OperatorClient api = OperatorClient.signIn(http, "tms");
    long terminalId = api.enrolDemoTerminal("PRM-" + u, "P" + u, "pilot").terminalId();
    long profileId = Json.number(api.call("POST", "/profiles", "{\"name\":\"prm-" + u + "\",\"application\":\"pay\",\"parameters\":["
        + "{\"name\":\"timeout\",\"type\":\"INTEGER\",\"min\":5,\"max\":120,\"defaultValue\":\"30\"},"
        + "{\"name\":\"tip\",\"type\":\"BOOLEAN\",\"defaultValue\":\"false\"}]}").body(), "id");
    assertEquals(200, api.call("POST", "/profiles/" + profileId + "/versions",
        "[{\"level\":\"TENANT\",\"scopeId\":0,\"name\":\"timeout\",\"value\":\"45\"}]").statusCode());
    PortalBrowser tms = open("tms");
    tms.open("profile.xhtml?id=" + profileId);

    tms.pick("change:level", 2);
    tms.until(d -> tms.present("change:terminal"));
    tms.type("change:terminal", "PRM-" + u);
    tms.choose("change:parameter", "timeout");
    tms.type("change:value", "500");
    tms.click("change:publish");
    tms.until(d -> tms.texts(".ui-growl-message").stream().anyMatch(m -> m.contains("timeout: 500 is above the maximum 120")));
    assertTrue(tms.driver().findElements(By.cssSelector(".version-2")).isEmpty(), "the refused value published nothing");
    tms.type("change:value", "90");
    tms.click("change:publish");
    tms.until(d -> !d.findElements(By.cssSelector(".version-2")).isEmpty());

    tms.open("terminal.xhtml?id=" + terminalId);
    tms.choose("parameters:profile", "prm-" + u);
    tms.until(d -> tms.text(".parameter-timeout").equals("90"));
    assertEquals("TERMINAL", tms.text(".level-timeout"));
    assertEquals("false", tms.text(".parameter-tip"));
    assertEquals("DEFAULT", tms.text(".level-tip"));
    tms.choose("parameters:from", "1");
    tms.click("parameters:compare");
    tms.until(d -> tms.texts("[id='parameters:diff'] tbody td").equals(List.of("timeout", "45 (TENANT)", "90 (TERMINAL)")));
    tms.screenshot("terminal-parameters");
  }

  @Test
  void theTerminalPageShowsTheLastAuthorizationTheSwitchCarriedForItsTid() throws Exception {
    String u = unique();
    OperatorClient api = OperatorClient.signIn(http, "tms");
    long terminalId = api.enrolDemoTerminal("AUTH-" + u, "A" + u, null).terminalId();
    // What the processing node writes for each authorization it carries (field 41, MTI, field 39).
    database.authorized("A" + u, "0100", "05");
    PortalBrowser tms = open("tms");
    tms.open("terminal.xhtml?id=" + terminalId);
    assertEquals("05 do not honour", tms.text("[id='terminal:responseCode']"));
    assertEquals("0100", tms.text("[id='terminal:mti']"));
    tms.screenshot("last-authorization");
  }
}

package dev.baton.systemtests.portal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.systemtests.console.ConsoleScenarios;
import dev.baton.systemtests.tms.Json;
import dev.baton.systemtests.tms.OperatorClient;
import dev.baton.systemtests.tms.TerminalSimulator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The terminal management portal as the demo terminal operators use it, in headless Chromium:
 * the whole path from enrolment to an installed package, CSV enrolment with its report, the
 * refusals of another tenant's ids, of other roles and of an operator of no tenant; and, from
 * {@link TerminalPageScenarios}, what the page of one terminal shows and changes.
 * Screenshots of the pages of a failed test go to {@code target/screenshots}.
 */
public abstract class PortalScenarios extends TerminalPageScenarios {


  @Test
  void anOperatorEnrolsATerminalGroupsItDeploysAPackageToTheGroupAndSeesItInstalledOnceTheTerminalReportsIt() throws Exception {
    String u = unique();
    String group = "grp-" + u.toLowerCase();
    String serial = "PRT-" + u;
    PortalBrowser tms = open("tms");

    tms.open("groups.xhtml");
    tms.type("groups:name", group);
    tms.click("groups:addGroup");
    tms.until(d -> !d.findElements(By.cssSelector("a.group-" + group)).isEmpty());

    tms.open("terminals.xhtml");
    tms.type("enrol:serial_number", serial);
    tms.choose("enrol:model", "DEMO-POS");
    tms.type("enrol:tid", "R" + u);
    tms.choose("enrol:mid", "DEMOSHOP1");
    tms.choose("enrol:group", group);
    tms.type("enrol:tags", "portal, " + u.toLowerCase());
    tms.click("enrol:enrolOne");
    tms.until(d -> tms.present("enrol:activationCode"));
    String code = tms.text("[id='enrol:activationCode']");
    long terminalId = idIn(tms.driver().findElement(By.id("enrol:issuedTerminal")).getAttribute("href"));
    assertEquals(serial, tms.text("[id='enrol:issuedSerial']"));

    byte[] content = new byte[200_000];
    new Random(7).nextBytes(content);
    Path file = Files.write(Files.createTempFile("portal-app-", ".bin"), content);
    tms.open("packages.xhtml");
    tms.type("upload:name", "portal-app");
    tms.type("upload:version", u);
    tms.attach("upload", file);
    tms.click("upload:uploadPackage");
    tms.until(d -> tms.texts("[id='packages:list'] tbody tr").stream().anyMatch(row -> row.contains("portal-app") && row.contains(u)));
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    assertTrue(tms.texts("[id='packages:list'] tbody tr").stream().anyMatch(row -> row.contains(u) && row.contains(sha256)), "the list shows its SHA-256");

    tms.open("deployments.xhtml");
    tms.type("create:name", "portal " + u);
    tms.choose("create:packageId", "portal-app " + u);
    tms.choose("create:groupId", group + " ");
    tms.click("create:createDeployment");
    tms.confirm();
    tms.until(d -> d.getCurrentUrl().contains("deployment.xhtml?id="));
    long deploymentId = idIn(tms.driver().getCurrentUrl());
    tms.until(d -> tms.text(".task-of-" + serial).equals("PENDING"));

    TerminalSimulator terminal = new TerminalSimulator(http, OperatorClient.TMS + "/terminal", serial);
    terminal.activate(code);
    HttpResponse<String> checkIn = terminal.checkIn("{\"firmware\":\"pfw-" + u + "\",\"batteryPercent\":64,\"applications\":{\"portal-app\":\"0\"}}");
    assertEquals(1, Json.number(checkIn.body(), "pendingTasks"), checkIn.body());
    HttpResponse<String> tasks = terminal.tasks();
    assertEquals(sha256, Json.field(tasks.body(), "sha256"), "the terminal API gives the package the portal uploaded: " + tasks.body());
    HttpResponse<byte[]> download = terminal.resume(Json.number(tasks.body(), "packageId"), 0);
    assertArrayEquals(content, download.body(), "the terminal downloads the bytes uploaded in the portal");
    assertEquals(204, terminal.report(Json.number(tasks.body(), "taskId"), true, null).statusCode());

    // The campaign page reads its progress again every few seconds: no reload.
    tms.until(d -> tms.text(".task-of-" + serial).equals("INSTALLED") && tms.text(".count-INSTALLED").equals("INSTALLED 1"));
    tms.screenshot("campaign-installed");
    tms.open("terminal.xhtml?id=" + terminalId);
    assertEquals("ACTIVE", tms.text(".terminal-status"));
    assertTrue(tms.texts(".task-status").contains("INSTALLED"), "the terminal page shows the task installed");
    assertEquals("pfw-" + u, tms.text("[id='terminal:firmware']"));
    assertEquals(List.of("portal", u.toLowerCase()).stream().sorted().toList(), tms.texts(".tag .ui-tag"));
    assertTrue(tms.driver().findElement(By.cssSelector("a[href*='deployment.xhtml?id=" + deploymentId + "']")).isDisplayed());

    tms.open("");
    tms.until(d -> !d.findElements(By.cssSelector("[id='fleet:firmware'] canvas")).isEmpty());
    assertTrue(Long.parseLong(tms.text(".count-online")) >= 1, "the terminal that checked in counts as online");
  }

  @Test
  void pausingResumingAndCancellingACampaignOnItsPageStopsAndGivesBackAndCancelsTheTerminalsTask() throws Exception {
    String u = unique();
    OperatorClient api = OperatorClient.signIn(http, "tms");
    OperatorClient.Enrolled enrolled = api.enrolDemoTerminal("CMP-" + u, "M" + u, null);
    TerminalSimulator terminal = new TerminalSimulator(http, OperatorClient.TMS + "/terminal", enrolled.serialNumber());
    terminal.activate(enrolled.activationCode());
    HttpResponse<String> uploaded = api.upload("name=cmp-app&kind=FIRMWARE&version=" + u, new byte[] {4, 5, 6});
    assertEquals(201, uploaded.statusCode(), uploaded.body());
    HttpResponse<String> deployed = api.call("POST", "/deployments", "{\"name\":\"cmp " + u + "\",\"packageId\":" + Json.number(uploaded.body(), "id")
        + ",\"terminalIds\":[" + enrolled.terminalId() + "],\"windowEnd\":\"" + java.time.Instant.now().plusSeconds(3600) + "\",\"rolloutPercent\":100}");
    assertEquals(201, deployed.statusCode(), deployed.body());
    PortalBrowser tms = open("tms");
    tms.open("deployment.xhtml?id=" + Json.number(deployed.body(), "deploymentId"));
    assertEquals("RUNNING", tms.text(".campaign-status"));

    tms.click("campaign:pause");
    tms.until(d -> tms.text(".campaign-status").equals("PAUSED"));
    assertEquals("[]", terminal.tasks().body().replace(" ", ""), "a paused campaign gives the terminal nothing");
    tms.click("campaign:resume");
    tms.until(d -> tms.text(".campaign-status").equals("RUNNING"));
    assertEquals("PACKAGE", Json.field(terminal.tasks().body(), "kind"), "resumed, the terminal gets its task again");
    tms.click("campaign:cancel");
    tms.confirm();
    tms.until(d -> tms.text(".campaign-status").equals("CANCELLED") && tms.text(".task-of-CMP-" + u).equals("CANCELLED"));
    assertEquals("[]", terminal.tasks().body().replace(" ", ""), "a cancelled task is not given");
    assertFalse(tms.present("campaign:resume") || tms.present("campaign:cancel"), "nothing left to steer");
  }

  @Test
  void aCsvWithBadRowsEnrolsNothingAndNamesEachBadRowThenEnrolsOnlyTheGoodRowsWhenAsked() throws Exception {
    String u = unique();
    List<String> good = List.of("CSV-" + u + "-1", "CSV-" + u + "-3");
    List<String> bad = List.of("CSV-" + u + "-2", "CSV-" + u + "-4");
    Path csv = Files.writeString(Files.createTempFile("enrol-", ".csv"), "serial_number,model,tid,mid,group\n"
        + good.get(0) + ",DEMO-POS,C" + u + ",DEMOSHOP1,pilot\n"
        + bad.get(0) + ",NO-SUCH-MODEL,D" + u + ",DEMOSHOP1,\n"
        + good.get(1) + ",DEMO-POS,E" + u + ",DEMOSHOP1,\n"
        + bad.get(1) + ",DEMO-POS,BAD,DEMOSHOP1,\n");
    PortalBrowser tms = open("tms");
    tms.open("terminals.xhtml");
    tms.attach("csv", csv);
    tms.click("csv:upload");
    tms.until(d -> tms.present("csv:summary"));

    assertTrue(tms.text("[id='csv:summary']").contains("4 row(s), 0 enrolled, 2 problem(s)"), tms.text("[id='csv:summary']"));
    assertEquals(List.of("3", "5"), tms.texts(".problem-line"));
    assertEquals(List.of("model", "tid"), tms.texts(".problem-field"));
    assertEquals(List.of("no terminal model 'NO-SUCH-MODEL' in this tenant", "'BAD' is not 8 letters or digits (ISO 8583 field 41)"),
        tms.texts(".problem-reason"));
    assertEquals(0, database.enrolled(List.of(good.get(0), good.get(1), bad.get(0), bad.get(1))), "a refused file enrols nothing");
    tms.scrollTo("csv:report");
    tms.screenshot("csv-report");

    tms.click("csv:enrolValid");
    tms.until(d -> tms.texts(".code-serial").equals(good));
    assertEquals(2, database.enrolled(good));
    assertEquals(0, database.enrolled(bad));
    assertEquals(2, tms.texts("[id='csv:codes'] .activation-code").stream().filter(c -> c.length() == 12).count(), "each gets its code, shown once");
  }

  @Test
  void enrollingASerialNumberOrTidAlreadyEnrolledIsRefusedBesideEachField() throws Exception {
    String u = unique();
    OperatorClient api = OperatorClient.signIn(http, "tms");
    api.enrolDemoTerminal("DUP-" + u, "U" + u, null);
    PortalBrowser tms = open("tms");
    tms.open("terminals.xhtml");
    tms.type("enrol:serial_number", "DUP-" + u);
    tms.choose("enrol:model", "DEMO-POS");
    tms.type("enrol:tid", "u" + u.toLowerCase());
    tms.choose("enrol:mid", "DEMOSHOP1");
    tms.click("enrol:enrolOne");
    // The field messages are on the page empty before the answer comes: wait for their text.
    tms.until(d -> tms.texts("[id='enrol'] .field-error").stream().filter(m -> !m.isEmpty()).count() >= 2);
    assertEquals(List.of("serial number DUP-" + u + " is already enrolled", "TID U" + u + " is already enrolled"),
        tms.texts("[id='enrol'] .field-error").stream().filter(m -> !m.isEmpty()).toList());
    assertFalse(tms.present("enrol:activationCode"), "no code issued");
  }

  @Test
  void anotherTenantsTerminalPackageDeploymentProfileGroupAndLogsAreNotFoundInThePortalAndCannotBeActedOn() throws Exception {
    String u = unique();
    Demo demo = Demo.create(http, u);
    long pilot = database.pilotGroup();
    PortalBrowser tms2 = open("tms2");

    tms2.open("terminal.xhtml?id=" + demo.terminalId());
    assertEquals("Terminal " + demo.terminalId() + " not found. Back to the terminals", tms2.text("[id='notFound']"));
    assertFalse(tms2.present("terminal:block") || tms2.present("terminal:decommission") || tms2.present("terminal:tid"), "nothing of it shown");
    tms2.open("deployment.xhtml?id=" + demo.deploymentId());
    assertTrue(tms2.text("[id='notFound']").startsWith("Deployment " + demo.deploymentId() + " not found"));
    assertFalse(tms2.present("campaign:cancel") || tms2.present("campaign:pause"));
    tms2.open("profile.xhtml?id=" + demo.profileId());
    assertTrue(tms2.text("[id='notFound']").startsWith("Profile " + demo.profileId() + " not found"));
    assertFalse(tms2.present("change:publish"));
    tms2.open("packages.xhtml");
    assertTrue(tms2.driver().findElements(By.cssSelector(".package-" + demo.packageId())).isEmpty(), "the package is not listed");
    tms2.open("terminals.xhtml?group=" + pilot);
    assertEquals("No terminal matches the search.", tms2.text("[id='terminals:list'] tbody tr"));
    assertEquals(404, tms2.get("/portal/logs/" + demo.logTaskId()).statusCode(), "the terminal's logs");

    // Naming the other tenant's terminal in a deployment of one's own is refused as not found.
    tms2.open("deployments.xhtml");
    tms2.pick("create:target", 1);
    tms2.until(d -> tms2.present("create:terminals"));
    tms2.type("create:name", "steal " + u);
    tms2.type("create:terminals", demo.serial());
    tms2.click("create:createDeployment");
    tms2.confirm();
    tms2.until(d -> tms2.texts(".ui-growl-message").stream().anyMatch(m -> m.contains("terminal " + demo.serial() + " not found")));
    tms2.screenshot("other-tenant-refused");

    OperatorClient owner = OperatorClient.signIn(http, "tms");
    assertEquals("ACTIVE", Json.field(owner.call("GET", "/terminals/" + demo.terminalId(), null).body(), "status"), "unchanged");
    assertEquals("RUNNING", Json.field(owner.call("GET", "/deployments/" + demo.deploymentId(), null).body(), "status"), "unchanged");
    PortalBrowser tms = open("tms");
    HttpResponse<byte[]> logs = tms.get("/portal/logs/" + demo.logTaskId());
    assertEquals(200, logs.statusCode());
    assertArrayEquals(demo.logs(), logs.body(), "its own operator downloads the logs");
  }

  @Test
  void aConsoleUserIsRefusedThePortalAndATerminalOperatorTheConsoleWithAPageSayingSo() throws Exception {
    PortalBrowser viewer = open("viewer", PortalBrowser.SITE + "/console/");
    assertEquals(403, viewer.get("/portal/").statusCode());
    assertEquals(403, viewer.get("/portal/terminals.xhtml").statusCode());
    viewer.open("terminals.xhtml");
    assertTrue(viewer.text("#reason").contains("Your sign-in does not give you this page."), viewer.driver().getPageSource());
    ConsoleScenarios.assertNoStackTrace(viewer.driver().getPageSource());

    PortalBrowser tms = open("tms");
    assertEquals(403, tms.get("/console/").statusCode());
    assertEquals(403, tms.get("/console/nodes.xhtml").statusCode());
    assertEquals(403, tms.get("/console/configuration/sessions.xhtml").statusCode());
    tms.driver().get(PortalBrowser.SITE + "/");
    tms.click("portal");
    tms.until(d -> d.getCurrentUrl().startsWith(PortalBrowser.PORTAL) && !d.findElements(By.id("fleet")).isEmpty());
  }

  @Test
  void aTerminalOperatorOfNoTenantIsRefusedWithAPageSayingWhy() throws Exception {
    PortalBrowser tms0 = open("tms0");
    assertTrue(tms0.text("#reason").contains("this operator is bound to no tenant (a Keycloak group under /tms-tenants/)"), tms0.text("#reason"));
    assertFalse(tms0.present("top"), "no page of any fleet");
    ConsoleScenarios.assertNoStackTrace(tms0.driver().getPageSource());
    assertEquals(403, tms0.get("/portal/terminals.xhtml").statusCode());
    assertEquals(403, tms0.get("/portal/logs/1").statusCode());
  }
}

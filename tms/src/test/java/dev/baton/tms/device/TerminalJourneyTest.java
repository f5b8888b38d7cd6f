package dev.baton.tms.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.tms.TestDatabase;
import dev.baton.tms.TestFleet;
import dev.baton.tms.TestS3;
import dev.baton.tms.TestStore;
import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.db.Transactions;
import dev.baton.tms.deployment.DeploymentRequest;
import dev.baton.tms.deployment.Deployments;
import dev.baton.tms.deployment.Progress;
import dev.baton.tms.enrolment.ImportReport;
import dev.baton.tms.packages.LocalFolderStore;
import dev.baton.tms.packages.ObjectStore;
import dev.baton.tms.packages.SoftwarePackages;
import dev.baton.tms.terminal.TerminalStatus;
import dev.baton.tms.terminal.TerminalView;
import dev.baton.tms.terminal.Terminals;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith({TestDatabase.class, TestS3.class})
class TerminalJourneyTest {

  @Test
  void activatesChecksInGetsItsTaskDefersItAndReportsItInstalled(DataSource db, @TempDir Path objects) throws Exception {
    TestFleet fleet = TestFleet.create(db, 2);
    Transactions transactions = new Transactions(db);
    SoftwarePackages packages = new SoftwarePackages(transactions, new LocalFolderStore(objects));
    Deployments deployments = new Deployments(transactions, packages);
    Activation activation = new Activation(transactions);
    TerminalTasks tasks = new TerminalTasks(transactions, packages.store());
    ImportReport.IssuedCode first = fleet.terminals().getFirst();

    Activation.Activated activated = activation.activate(first.serialNumber(), first.activationCode().toLowerCase());
    assertThrows(Unauthenticated.class, () -> activation.activate(first.serialNumber(), first.activationCode()), "a code works once");
    TerminalIdentity terminal = activation.authenticate(activated.terminalId(), activated.credential());

    byte[] bytes = "firmware 2.1 image".getBytes(StandardCharsets.US_ASCII);
    var pkg = packages.upload(fleet.scope(), "pay", "2.1", "APPLICATION", List.of(fleet.modelId()), null, new ByteArrayInputStream(bytes));
    Instant now = Instant.now();
    long deployment = deployments.create(fleet.scope(),
        new DeploymentRequest("pay 2.1", pkg.id(), null, fleet.groupId(), null, now.minusSeconds(60), now.plus(Duration.ofDays(1)), 100));

    try (CheckIns checkIns = new CheckIns(db, 1, Executors.defaultThreadFactory())) {
      CheckIns.Result result =
          checkIns.checkIn(terminal.terminalId(), activated.credential(), new Inventory("fw-1", 80, -70, "INJECTED", now, Map.of("pay", "2.0")));
      assertEquals(new CheckIns.Result(true, 1), result);
      assertFalse(checkIns.checkIn(terminal.terminalId(), "wrong", new Inventory(null, null, null, null, null, null)).accepted());
    }

    TerminalTask task = tasks.released(terminal).getFirst();
    assertEquals(pkg.sha256(), task.sha256());
    tasks.defer(terminal, task.taskId(), now.plusSeconds(600), now);
    assertEquals(List.of(), tasks.released(terminal), "a deferred task is not handed out until its time");
    assertThrows(InvalidInput.class, () -> tasks.defer(terminal, task.taskId(), now.plus(Duration.ofDays(2)), now));

    tasks.downloading(terminal, pkg.id());
    tasks.report(terminal, task.taskId(), true, null);
    Progress progress = deployments.progress(fleet.scope(), deployment);
    assertEquals(1L, progress.tasks().get("INSTALLED"));
    assertEquals(1L, progress.tasks().get("PENDING"), "the other terminal of the group has not started");

    TerminalView view = new Terminals(transactions).view(fleet.scope(), terminal.terminalId());
    assertEquals(TerminalStatus.ACTIVE, view.status());
    assertEquals("fw-1", view.lastCheckIn().firmware());
    assertEquals("{\"pay\": \"2.0\"}", view.lastCheckIn().applications());
  }

  @Test
  void theTerminalViewShowsTheLastAuthorizationTheSwitchCarriedForItsTid(DataSource db) {
    TestFleet fleet = TestFleet.create(db, 1);
    ImportReport.IssuedCode code = fleet.terminals().getFirst();
    Transactions transactions = new Transactions(db);
    transactions.inTransaction(connection -> {
      try (var upsert = connection.prepareStatement(
          "INSERT INTO terminal_last_authorization (tid, at, mti, response_code) VALUES (?, now(), '0110', '05') "
              + "ON CONFLICT (tid) DO UPDATE SET at = excluded.at, mti = excluded.mti, response_code = excluded.response_code")) {
        upsert.setString(1, code.tid());
        upsert.executeUpdate();
      }
      return null;
    });
    TerminalView.LastAuthorization last = new Terminals(transactions).view(fleet.scope(), code.terminalId()).lastAuthorization();
    assertEquals("0110", last.mti());
    assertEquals("05", last.responseCode());
  }

  @Test
  void aBlockedTerminalIsRefusedAtCheckInAndAuthentication(DataSource db) throws Exception {
    TestFleet fleet = TestFleet.create(db, 1);
    Transactions transactions = new Transactions(db);
    Activation activation = new Activation(transactions);
    ImportReport.IssuedCode code = fleet.terminals().getFirst();
    Activation.Activated activated = activation.activate(code.serialNumber(), code.activationCode());

    new Terminals(transactions).changeStatus(fleet.scope(), activated.terminalId(), TerminalStatus.BLOCKED, "stolen");

    assertThrows(Unauthenticated.class, () -> activation.authenticate(activated.terminalId(), activated.credential()));
    try (CheckIns checkIns = new CheckIns(db, 1, Executors.defaultThreadFactory())) {
      assertFalse(checkIns.checkIn(activated.terminalId(), activated.credential(), new Inventory(null, null, null, null, null, null)).accepted());
    }
  }

  @Test
  void pausingWithholdsTasksResumingReleasesThemAndCancellingCancelsOpenOnes(DataSource db, @TempDir Path objects) throws IOException {
    TestFleet fleet = TestFleet.create(db, 1);
    Transactions transactions = new Transactions(db);
    SoftwarePackages packages = new SoftwarePackages(transactions, new LocalFolderStore(objects));
    Deployments deployments = new Deployments(transactions, packages);
    Activation activation = new Activation(transactions);
    TerminalTasks tasks = new TerminalTasks(transactions, packages.store());
    ImportReport.IssuedCode code = fleet.terminals().getFirst();
    Activation.Activated activated = activation.activate(code.serialNumber(), code.activationCode());
    TerminalIdentity terminal = activation.authenticate(activated.terminalId(), activated.credential());
    var pkg = packages.upload(fleet.scope(), "emv", "1", "FIRMWARE", List.of(), null, InputStream.nullInputStream());
    Instant now = Instant.now();
    long deployment = deployments.create(fleet.scope(),
        new DeploymentRequest("emv", pkg.id(), null, null, List.of(terminal.terminalId()), now.minusSeconds(1), now.plusSeconds(3600), 100));

    deployments.pause(fleet.scope(), deployment);
    assertEquals(List.of(), tasks.released(terminal));
    deployments.resume(fleet.scope(), deployment);
    assertEquals(1, tasks.released(terminal).size());
    deployments.cancel(fleet.scope(), deployment);
    assertEquals(List.of(), tasks.released(terminal));
    assertEquals(1L, deployments.progress(fleet.scope(), deployment).tasks().get("CANCELLED"));
    assertThrows(InvalidInput.class, () -> deployments.resume(fleet.scope(), deployment));
  }

  /** A fleet, its services, and an empty firmware package deployed to its group. */
  private record Rig(TestFleet fleet, Transactions transactions, SoftwarePackages packages, Deployments deployments) {
    static Rig of(DataSource db, Path objects, int terminals) {
      Transactions transactions = new Transactions(db);
      SoftwarePackages packages = new SoftwarePackages(transactions, new LocalFolderStore(objects));
      return new Rig(TestFleet.create(db, terminals), transactions, packages, new Deployments(transactions, packages));
    }

    long deployToTheGroup(Instant start, Instant end, int percent) throws IOException {
      var pkg = packages.upload(fleet.scope(), "emv", "1", "FIRMWARE", List.of(), null, InputStream.nullInputStream());
      return deployments.create(fleet.scope(), new DeploymentRequest("emv", pkg.id(), null, fleet.groupId(), null, start, end, percent));
    }

    TerminalIdentity activateFirst() {
      Activation activation = new Activation(transactions);
      ImportReport.IssuedCode code = fleet.terminals().getFirst();
      Activation.Activated activated = activation.activate(code.serialNumber(), code.activationCode());
      return activation.authenticate(activated.terminalId(), activated.credential());
    }
  }

  @Test
  void decommissioningCancelsTheTerminalsOpenTasksAndIsFinal(DataSource db, @TempDir Path objects) throws IOException {
    Rig rig = Rig.of(db, objects, 1);
    Instant now = Instant.now();
    long deployment = rig.deployToTheGroup(now.minusSeconds(1), now.plusSeconds(3600), 100);
    long terminalId = rig.fleet().terminals().getFirst().terminalId();
    Terminals terminals = new Terminals(rig.transactions());

    terminals.changeStatus(rig.fleet().scope(), terminalId, TerminalStatus.DECOMMISSIONED, "returned to vendor");

    assertEquals(1L, rig.deployments().progress(rig.fleet().scope(), deployment).tasks().get("CANCELLED"));
    InvalidInput refused = assertThrows(InvalidInput.class,
        () -> terminals.changeStatus(rig.fleet().scope(), terminalId, TerminalStatus.BLOCKED, "x"));
    assertEquals("a DECOMMISSIONED terminal cannot become BLOCKED", refused.reason());
  }

  @Test
  void aWindowInTheFutureWithholdsTheTask(DataSource db, @TempDir Path objects) throws IOException {
    Rig rig = Rig.of(db, objects, 1);
    TerminalIdentity terminal = rig.activateFirst();
    Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
    rig.deployToTheGroup(tomorrow, tomorrow.plusSeconds(3600), 100);
    assertEquals(List.of(), new TerminalTasks(rig.transactions(), rig.packages().store()).released(terminal));
  }

  @Test
  void aRolloutPercentageReleasesThatShareOfTheTargets(DataSource db, @TempDir Path objects) throws IOException {
    Rig rig = Rig.of(db, objects, 40);
    Instant now = Instant.now();
    long deployment = rig.deployToTheGroup(now.minusSeconds(1), now.plusSeconds(3600), 50);
    Progress half = rig.deployments().progress(rig.fleet().scope(), deployment);
    assertEquals(40, half.targets());
    assertTrue(half.released() > 5 && half.released() < 35, "about half of 40 released, was " + half.released());
    rig.deployments().setRollout(rig.fleet().scope(), deployment, 100);
    assertEquals(40, rig.deployments().progress(rig.fleet().scope(), deployment).released());
  }

  @ParameterizedTest
  @EnumSource(TestStore.Kind.class)
  void refusesAPackageWhoseBytesDoNotMatchTheGivenSha256AndKeepsNothing(TestStore.Kind kind, DataSource db, @TempDir Path objects,
      TestS3.Bucket s3) throws IOException {
    TestFleet fleet = TestFleet.create(db, 0);
    TestStore store = TestStore.of(kind, objects, s3);
    SoftwarePackages packages = new SoftwarePackages(new Transactions(db), store.store());
    InvalidInput refused = assertThrows(InvalidInput.class, () ->
        packages.upload(fleet.scope(), "pay", "1", "APPLICATION", List.of(), "00".repeat(32), new ByteArrayInputStream(new byte[] {1, 2})));
    assertEquals("sha256", refused.field());
    assertEquals(List.of(), packages.list(fleet.scope()));
    assertEquals(0, store.objects(), "the refused bytes are dropped");
  }

  @ParameterizedTest
  @EnumSource(TestStore.Kind.class)
  void refusesADeploymentOfAPackageWhoseStoredBytesChanged(TestStore.Kind kind, DataSource db, @TempDir Path objects, TestS3.Bucket s3)
      throws IOException {
    TestFleet fleet = TestFleet.create(db, 1);
    Transactions transactions = new Transactions(db);
    ObjectStore store = TestStore.of(kind, objects, s3).store();
    SoftwarePackages packages = new SoftwarePackages(transactions, store);
    var pkg = packages.upload(fleet.scope(), "pay", "1", "APPLICATION", List.of(), null, new ByteArrayInputStream(new byte[] {1, 2, 3}));
    assertTrue(packages.verify(fleet.scope(), pkg.id()), "the stored bytes match the SHA-256 recorded at upload");
    store.put(pkg.storageKey(), new ByteArrayInputStream(new byte[] {1, 2, 4}));
    assertFalse(packages.verify(fleet.scope(), pkg.id()));
    Instant now = Instant.now();
    InvalidInput refused = assertThrows(InvalidInput.class, () -> new Deployments(transactions, packages).create(fleet.scope(),
        new DeploymentRequest("x", pkg.id(), null, fleet.groupId(), null, now, now.plusSeconds(60), 100)));
    assertTrue(refused.reason().contains("no longer match their SHA-256"));
  }
}

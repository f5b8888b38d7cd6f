package dev.baton.tms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.tms.db.NotFound;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import dev.baton.tms.deployment.Campaigns;
import dev.baton.tms.deployment.DeploymentRequest;
import dev.baton.tms.deployment.Deployments;
import dev.baton.tms.device.Activation;
import dev.baton.tms.device.TerminalIdentity;
import dev.baton.tms.device.TerminalTasks;
import dev.baton.tms.packages.LocalFolderStore;
import dev.baton.tms.packages.SoftwarePackages;
import dev.baton.tms.parameters.Level;
import dev.baton.tms.parameters.ParameterDefinition;
import dev.baton.tms.parameters.ParameterProfiles;
import dev.baton.tms.parameters.ParameterType;
import dev.baton.tms.parameters.ProfileCatalog;
import dev.baton.tms.parameters.ValueChange;
import dev.baton.tms.terminal.FleetStructure;
import dev.baton.tms.terminal.TerminalQuery;
import dev.baton.tms.terminal.TerminalStatus;
import dev.baton.tms.terminal.TerminalTags;
import dev.baton.tms.terminal.Terminals;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator of tenant X, holding real ids of tenant Y's rows, gets "not found" for every kind
 * of row, reading or changing, exactly as for ids that do not exist.
 */
@ExtendWith(TestDatabase.class)
class TenantIsolationTest {

  private TestFleet victim;
  private TenantScope intruder;
  private Transactions transactions;
  private SoftwarePackages packages;
  private long terminalId;
  private long packageId;
  private long deploymentId;
  private long profileId;
  private long logTaskId;

  @BeforeEach
  void twoTenants(DataSource db, @TempDir Path objects) throws Exception {
    victim = TestFleet.create(db, 1);
    intruder = TestFleet.create(db, 0).scope();
    transactions = new Transactions(db);
    packages = new SoftwarePackages(transactions, new LocalFolderStore(objects));
    terminalId = victim.terminals().getFirst().terminalId();
    packageId = packages.upload(victim.scope(), "pay", "1", "APPLICATION", List.of(), null, new ByteArrayInputStream(new byte[] {7})).id();
    Instant now = Instant.now();
    deploymentId = new Deployments(transactions, packages).create(victim.scope(),
        new DeploymentRequest("d", packageId, null, victim.groupId(), null, now, now.plusSeconds(600), 100));
    profileId = new ParameterProfiles(transactions).create(victim.scope(), "p", "pay", null,
        List.of(new ParameterDefinition("tip", ParameterType.BOOLEAN, null, null, null, "false")));
    logTaskId = new TerminalTasks(transactions, packages.store()).requestLogs(victim.scope(), terminalId);
    var code = victim.terminals().getFirst();
    var activated = new Activation(transactions).activate(code.serialNumber(), code.activationCode());
    TerminalIdentity terminal = new Activation(transactions).authenticate(activated.terminalId(), activated.credential());
    new TerminalTasks(transactions, packages.store()).uploadLogs(terminal, logTaskId, new ByteArrayInputStream(new byte[] {1}));
  }

  @Test
  void terminalsOfAnotherTenantAreNotFound() {
    Terminals terminals = new Terminals(transactions);
    assertThrows(NotFound.class, () -> terminals.view(intruder, terminalId));
    assertThrows(NotFound.class, () -> terminals.changeStatus(intruder, terminalId, TerminalStatus.BLOCKED, "x"));
    assertThrows(NotFound.class, () -> terminals.moveToGroup(intruder, terminalId, null));
    assertEquals(List.of(), terminals.list(intruder, 0, 100));
    assertEquals(List.of(), terminals.search(intruder, new TerminalQuery(victim.terminals().getFirst().serialNumber(), null, null), 0, 100));
    assertThrows(NotFound.class, () -> terminals.resolve(intruder, List.of(victim.terminals().getFirst().serialNumber())));
    assertThrows(NotFound.class, () -> new TerminalTags(transactions).add(intruder, terminalId, "mine"));
    assertThrows(NotFound.class, () -> new Campaigns(transactions).ofTerminal(intruder, terminalId));
    assertEquals(TerminalStatus.ACTIVE, terminals.view(victim.scope(), terminalId).status(), "unchanged");
  }

  @Test
  void packagesOfAnotherTenantAreNotFound() {
    assertThrows(NotFound.class, () -> packages.find(intruder, packageId));
    assertThrows(NotFound.class, () -> packages.verify(intruder, packageId));
    assertEquals(List.of(), packages.list(intruder));
  }

  @Test
  void deploymentsOfAnotherTenantAreNotFoundNorCanTheyTargetItsRows() {
    Deployments deployments = new Deployments(transactions, packages);
    assertThrows(NotFound.class, () -> deployments.progress(intruder, deploymentId));
    assertThrows(NotFound.class, () -> deployments.pause(intruder, deploymentId));
    assertThrows(NotFound.class, () -> deployments.cancel(intruder, deploymentId));
    assertThrows(NotFound.class, () -> deployments.setRollout(intruder, deploymentId, 50));
    assertThrows(NotFound.class, () -> deployments.tasks(intruder, deploymentId, 0, 10));
    Instant now = Instant.now();
    assertThrows(NotFound.class, () -> deployments.create(intruder,
        new DeploymentRequest("steal", packageId, null, null, List.of(terminalId), now, now.plusSeconds(60), 100)));
    assertThrows(NotFound.class, () -> new Campaigns(transactions).find(intruder, deploymentId));
    assertEquals("RUNNING", deployments.progress(victim.scope(), deploymentId).status(), "unchanged");
  }

  @Test
  void profilesOfAnotherTenantAreNotFoundNorCanTheyOverrideItsTerminals() {
    ParameterProfiles profiles = new ParameterProfiles(transactions);
    assertThrows(NotFound.class, () -> profiles.publish(intruder, profileId, List.of()));
    assertThrows(NotFound.class, () -> profiles.effective(intruder, profileId, 1, terminalId));
    assertThrows(NotFound.class, () -> new ProfileCatalog(transactions).find(intruder, profileId));
    long own = profiles.create(intruder, "own", "pay", null,
        List.of(new ParameterDefinition("tip", ParameterType.BOOLEAN, null, null, null, "false")));
    assertThrows(NotFound.class, () -> profiles.publish(intruder, own, List.of(new ValueChange(Level.TERMINAL, terminalId, "tip", "true"))));
    assertThrows(NotFound.class, () -> profiles.publish(intruder, own, List.of(new ValueChange(Level.GROUP, victim.groupId(), "tip", "true"))));
  }

  @Test
  void logsMerchantsAndTerminalsOfAnotherTenantCannotBeReachedOrUsed() {
    TerminalTasks tasks = new TerminalTasks(transactions, packages.store());
    assertThrows(NotFound.class, () -> tasks.logs(intruder, logTaskId));
    assertThrows(NotFound.class, () -> tasks.requestLogs(intruder, terminalId));
    assertThrows(NotFound.class, () -> new FleetStructure(transactions).addSite(intruder, victim.merchantId(), "x", "x"));
    assertEquals(1, tasks.logs(victim.scope(), logTaskId).size());
  }
}

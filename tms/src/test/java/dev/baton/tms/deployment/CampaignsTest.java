package dev.baton.tms.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.tms.TestDatabase;
import dev.baton.tms.TestFleet;
import dev.baton.tms.db.NotFound;
import dev.baton.tms.db.Transactions;
import dev.baton.tms.device.TerminalTasks;
import dev.baton.tms.packages.LocalFolderStore;
import dev.baton.tms.packages.SoftwarePackages;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestDatabase.class)
class CampaignsTest {

  @Test
  void listsTheTenantsDeploymentsNewestFirstWithWhatGoesWhereAndTheTasksOfOneTerminal(DataSource db, @TempDir Path objects) throws Exception {
    TestFleet fleet = TestFleet.create(db, 2);
    Transactions transactions = new Transactions(db);
    SoftwarePackages packages = new SoftwarePackages(transactions, new LocalFolderStore(objects));
    Deployments deployments = new Deployments(transactions, packages);
    Campaigns campaigns = new Campaigns(transactions);
    long pkg = packages.upload(fleet.scope(), "pay", "2.1", "APPLICATION", List.of(), null, new ByteArrayInputStream(new byte[] {1, 2})).id();
    long terminal = fleet.terminals().getFirst().terminalId();
    Instant now = Instant.now();
    long toGroup = deployments.create(fleet.scope(), new DeploymentRequest("to all", pkg, null, fleet.groupId(), null, now, now.plusSeconds(600), 100));
    long toOne = deployments.create(fleet.scope(), new DeploymentRequest("to one", pkg, null, null, List.of(terminal), now, now.plusSeconds(600), 50));
    deployments.pause(fleet.scope(), toOne);
    long logs = new TerminalTasks(transactions, packages.store()).requestLogs(fleet.scope(), terminal);

    List<Campaigns.Campaign> listed = campaigns.list(fleet.scope(), 10);
    assertEquals(List.of(toOne, toGroup), listed.stream().map(Campaigns.Campaign::id).toList());
    Campaigns.Campaign one = listed.getFirst();
    assertEquals("package pay 2.1", one.content());
    assertEquals("1 selected terminal(s)", one.target());
    assertEquals("PAUSED", one.status());
    assertEquals(50, one.rolloutPercent());
    assertEquals(fleet.scope().actor(), one.createdBy());
    Campaigns.Campaign group = campaigns.find(fleet.scope(), toGroup);
    assertEquals("group all", group.target());
    assertEquals(2, group.targets());
    assertEquals(0, group.installed());

    assertEquals(List.of(logs, 0L, 0L), campaigns.ofTerminal(fleet.scope(), terminal).stream()
        .map(a -> a.deploymentId() == null ? a.taskId() : 0L).toList());
    Campaigns.Assignment fromGroup = campaigns.ofTerminal(fleet.scope(), terminal).getLast();
    assertEquals("to all", fromGroup.deployment());
    assertEquals("PENDING", fromGroup.status());
  }

  @Test
  void anotherTenantsDeploymentsAndTerminalsAreNotFound(DataSource db, @TempDir Path objects) throws Exception {
    TestFleet owner = TestFleet.create(db, 1);
    TestFleet intruder = TestFleet.create(db, 0);
    Transactions transactions = new Transactions(db);
    SoftwarePackages packages = new SoftwarePackages(transactions, new LocalFolderStore(objects));
    long pkg = packages.upload(owner.scope(), "pay", "1", "FIRMWARE", List.of(), null, new ByteArrayInputStream(new byte[] {1})).id();
    Instant now = Instant.now();
    long deployment = new Deployments(transactions, packages).create(owner.scope(),
        new DeploymentRequest("d", pkg, null, owner.groupId(), null, now, now.plusSeconds(60), 100));
    Campaigns campaigns = new Campaigns(transactions);
    assertThrows(NotFound.class, () -> campaigns.find(intruder.scope(), deployment));
    assertThrows(NotFound.class, () -> campaigns.ofTerminal(intruder.scope(), owner.terminals().getFirst().terminalId()));
    assertEquals(List.of(), campaigns.list(intruder.scope(), 10));
  }
}

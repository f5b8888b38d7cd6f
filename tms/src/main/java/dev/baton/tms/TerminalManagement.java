package dev.baton.tms;

import dev.baton.tms.db.Tenants;
import dev.baton.tms.db.Transactions;
import dev.baton.tms.deployment.Campaigns;
import dev.baton.tms.deployment.Deployments;
import dev.baton.tms.device.Activation;
import dev.baton.tms.device.TerminalTasks;
import dev.baton.tms.enrolment.Enrolment;
import dev.baton.tms.packages.ObjectStore;
import dev.baton.tms.packages.SoftwarePackages;
import dev.baton.tms.parameters.ParameterProfiles;
import dev.baton.tms.parameters.ProfileCatalog;
import dev.baton.tms.terminal.FleetDashboard;
import dev.baton.tms.terminal.FleetStructure;
import dev.baton.tms.terminal.TerminalTags;
import dev.baton.tms.terminal.Terminals;
import javax.sql.DataSource;

/**
 * The services of terminal management on one database and one object store: what the REST API
 * and the operators' portal both call. Holds no thread and no connection of its own; the
 * check-in writers belong to whoever takes check-ins.
 */
public final class TerminalManagement {

  private final Transactions transactions;
  private final SoftwarePackages packages;
  private final Tenants tenants;

  public TerminalManagement(DataSource dataSource, ObjectStore store) {
    this.transactions = new Transactions(dataSource);
    this.packages = new SoftwarePackages(transactions, store);
    this.tenants = new Tenants(transactions);
  }

  public Transactions transactions() {
    return transactions;
  }

  /** Which tenant an operator works for, from the operator's groups. */
  public Tenants tenants() {
    return tenants;
  }

  public Enrolment enrolment() {
    return new Enrolment(transactions);
  }

  public FleetStructure fleet() {
    return new FleetStructure(transactions);
  }

  public FleetDashboard dashboard() {
    return new FleetDashboard(transactions);
  }

  public Terminals terminals() {
    return new Terminals(transactions);
  }

  public TerminalTags tags() {
    return new TerminalTags(transactions);
  }

  public ParameterProfiles profiles() {
    return new ParameterProfiles(transactions);
  }

  public ProfileCatalog profileCatalog() {
    return new ProfileCatalog(transactions);
  }

  public SoftwarePackages packages() {
    return packages;
  }

  public Deployments deployments() {
    return new Deployments(transactions, packages);
  }

  public Campaigns campaigns() {
    return new Campaigns(transactions);
  }

  public Activation activation() {
    return new Activation(transactions);
  }

  public TerminalTasks tasks() {
    return new TerminalTasks(transactions, packages.store());
  }
}

package dev.baton.tms.api;

import dev.baton.tms.TerminalManagement;
import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.deployment.DeploymentRequest;
import dev.baton.tms.deployment.Progress;
import dev.baton.tms.deployment.TaskView;
import dev.baton.tms.device.TerminalTasks;
import dev.baton.tms.enrolment.EnrolmentRow;
import dev.baton.tms.enrolment.ImportReport;
import dev.baton.tms.packages.SoftwarePackages;
import dev.baton.tms.parameters.EffectiveParameters;
import dev.baton.tms.parameters.ParameterDefinition;
import dev.baton.tms.parameters.ParameterProfiles;
import dev.baton.tms.parameters.ValueChange;
import dev.baton.tms.terminal.FleetDashboard;
import dev.baton.tms.terminal.TerminalStatus;
import dev.baton.tms.terminal.TerminalView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What terminal operators call (role {@code tms-operator}, Keycloak bearer token); every call is
 * confined to the operator's tenant, and another tenant's ids answer 404.
 */
@Path("/operator")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OperatorApi {

  /** A model, merchant, site or group to add. */
  public record NewItem(String code, String name, String vendor) {}

  /** One terminal to enrol. */
  public record NewTerminal(String serialNumber, String model, String tid, String mid, String site, String group, List<String> tags) {}

  /** A status change asked by an operator: BLOCKED, ACTIVE (unblock) or DECOMMISSIONED. */
  public record StatusChange(TerminalStatus status, String reason) {}

  /** A profile to create. */
  public record NewProfile(String name, String application, Long modelId, List<ParameterDefinition> parameters) {}

  @Inject
  TerminalManagement tms;

  @Inject
  OperatorScopes scopes;

  @Context
  SecurityContext security;

  @HeaderParam(HttpHeaders.AUTHORIZATION)
  String authorization;

  private TenantScope scope() {
    return scopes.of(authorization, security.getUserPrincipal() == null ? "unknown" : security.getUserPrincipal().getName());
  }

  @GET
  @Path("/dashboard")
  public FleetDashboard.Summary dashboard(@QueryParam("onlineMinutes") @DefaultValue("15") int onlineMinutes) {
    return tms.dashboard().summary(scope(), Duration.ofMinutes(onlineMinutes));
  }

  @POST
  @Path("/models")
  public Map<String, Long> addModel(NewItem item) {
    return Map.of("id", tms.fleet().addModel(scope(), item.code(), item.vendor() == null ? "" : item.vendor(), item.name()));
  }

  @POST
  @Path("/merchants")
  public Map<String, Long> addMerchant(NewItem item) {
    return Map.of("id", tms.fleet().addMerchant(scope(), item.code(), item.name()));
  }

  @POST
  @Path("/merchants/{merchant}/sites")
  public Map<String, Long> addSite(@PathParam("merchant") long merchant, NewItem item) {
    return Map.of("id", tms.fleet().addSite(scope(), merchant, item.code(), item.name()));
  }

  @POST
  @Path("/groups")
  public Map<String, Long> addGroup(NewItem item) {
    return Map.of("id", tms.fleet().addGroup(scope(), item.name()));
  }

  @POST
  @Path("/terminals")
  public Response enrol(NewTerminal terminal) {
    ImportReport.IssuedCode code = tms.enrolment().enrolOne(scope(),
        new EnrolmentRow(1, terminal.serialNumber(), terminal.model(), terminal.tid(), terminal.mid(), terminal.site(), terminal.group(),
            terminal.tags()));
    return Response.status(Response.Status.CREATED).entity(code).build();
  }

  /** A CSV of terminals; with {@code validRowsOnly=true} the valid rows are enrolled even if others are refused. */
  @POST
  @Path("/terminals/import")
  @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
  public ImportReport importCsv(InputStream csv, @QueryParam("validRowsOnly") @DefaultValue("false") boolean validRowsOnly) throws IOException {
    return tms.enrolment().importCsv(scope(), new InputStreamReader(csv, StandardCharsets.UTF_8), validRowsOnly);
  }

  @GET
  @Path("/terminals")
  public List<TerminalView> terminals(@QueryParam("after") @DefaultValue("0") long after, @QueryParam("limit") @DefaultValue("100") int limit) {
    return tms.terminals().list(scope(), after, limit);
  }

  @GET
  @Path("/terminals/{terminal}")
  public TerminalView terminal(@PathParam("terminal") long terminal) {
    return tms.terminals().view(scope(), terminal);
  }

  @POST
  @Path("/terminals/{terminal}/status")
  public TerminalView changeStatus(@PathParam("terminal") long terminal, StatusChange change) {
    if (change == null || change.status() == null) {
      throw new InvalidInput("status", "is required");
    }
    return tms.terminals().changeStatus(scope(), terminal, change.status(), change.reason());
  }

  @PUT
  @Path("/terminals/{terminal}/group")
  public Response moveToGroup(@PathParam("terminal") long terminal, Map<String, Long> group) {
    tms.terminals().moveToGroup(scope(), terminal, group == null ? null : group.get("groupId"));
    return Response.noContent().build();
  }

  @POST
  @Path("/terminals/{terminal}/log-requests")
  public Map<String, Long> requestLogs(@PathParam("terminal") long terminal) {
    return Map.of("taskId", tms.tasks().requestLogs(scope(), terminal));
  }

  @GET
  @Path("/logs/{task}")
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  public Response logs(@PathParam("task") long task) throws IOException {
    TerminalTasks.LogFile file = tms.tasks().logs(scope(), task);
    InputStream content = tms.packages().store().open(file.storageKey(), 0, file.size());
    StreamingOutput body = out -> {
      try (content) {
        content.transferTo(out);
      }
    };
    return Response.ok(body).header("X-Checksum-SHA256", file.sha256()).header(HttpHeaders.CONTENT_LENGTH, file.size()).build();
  }

  /** Uploads a package: the body is the package; name, version, kind, models (ids) and sha256 (optional) as query parameters. */
  @POST
  @Path("/packages")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  public Response upload(
      InputStream content, @QueryParam("name") String name, @QueryParam("version") String version, @QueryParam("kind") String kind,
      @QueryParam("model") List<Long> models, @QueryParam("sha256") String sha256) throws IOException {
    SoftwarePackages.PackageView view = tms.packages().upload(scope(), name, version, kind, models, sha256, content);
    return Response.status(Response.Status.CREATED).entity(view).build();
  }

  @GET
  @Path("/packages")
  public List<SoftwarePackages.PackageView> packages() {
    return tms.packages().list(scope());
  }

  @GET
  @Path("/packages/{package}")
  public SoftwarePackages.PackageView pkg(@PathParam("package") long id) {
    return tms.packages().find(scope(), id);
  }

  @POST
  @Path("/profiles")
  public Map<String, Long> createProfile(NewProfile profile) {
    return Map.of("id", tms.profiles().create(scope(), profile.name(), profile.application(), profile.modelId(),
        profile.parameters() == null ? List.of() : profile.parameters()));
  }

  @POST
  @Path("/profiles/{profile}/versions")
  public ParameterProfiles.Version publish(@PathParam("profile") long profile, List<ValueChange> changes) {
    return tms.profiles().publish(scope(), profile, changes == null ? List.of() : changes);
  }

  @GET
  @Path("/profiles/{profile}/versions/{version}/terminals/{terminal}")
  public Map<String, EffectiveParameters.Value> effective(
      @PathParam("profile") long profile, @PathParam("version") int version, @PathParam("terminal") long terminal) {
    return tms.profiles().effective(scope(), profile, version, terminal);
  }

  @GET
  @Path("/profiles/{profile}/diff")
  public List<EffectiveParameters.Change> diff(
      @PathParam("profile") long profile, @QueryParam("from") int from, @QueryParam("to") int to, @QueryParam("terminal") long terminal) {
    return tms.profiles().diff(scope(), profile, from, to, terminal);
  }

  @POST
  @Path("/deployments")
  public Response deploy(DeploymentRequest request) {
    if (request == null) {
      throw new InvalidInput("name", "a deployment is required");
    }
    DeploymentRequest withDefaults = new DeploymentRequest(request.name(), request.packageId(), request.profileVersionId(),
        request.groupId(), request.terminalIds(), request.windowStart() == null ? Instant.now() : request.windowStart(),
        request.windowEnd(), request.rolloutPercent());
    long id = tms.deployments().create(scope(), withDefaults);
    return Response.status(Response.Status.CREATED).entity(tms.deployments().progress(scope(), id)).build();
  }

  @GET
  @Path("/deployments/{deployment}")
  public Progress progress(@PathParam("deployment") long deployment) {
    return tms.deployments().progress(scope(), deployment);
  }

  @GET
  @Path("/deployments/{deployment}/tasks")
  public List<TaskView> deploymentTasks(
      @PathParam("deployment") long deployment, @QueryParam("after") @DefaultValue("0") long after, @QueryParam("limit") @DefaultValue("100") int limit) {
    return tms.deployments().tasks(scope(), deployment, after, limit);
  }

  @POST
  @Path("/deployments/{deployment}/pause")
  public Progress pause(@PathParam("deployment") long deployment) {
    tms.deployments().pause(scope(), deployment);
    return progress(deployment);
  }

  @POST
  @Path("/deployments/{deployment}/resume")
  public Progress resume(@PathParam("deployment") long deployment) {
    tms.deployments().resume(scope(), deployment);
    return progress(deployment);
  }

  @POST
  @Path("/deployments/{deployment}/cancel")
  public Progress cancel(@PathParam("deployment") long deployment) {
    tms.deployments().cancel(scope(), deployment);
    return progress(deployment);
  }

  @PUT
  @Path("/deployments/{deployment}/rollout")
  public Progress rollout(@PathParam("deployment") long deployment, Map<String, Integer> rollout) {
    tms.deployments().setRollout(scope(), deployment, rollout == null || rollout.get("percent") == null ? 0 : rollout.get("percent"));
    return progress(deployment);
  }
}

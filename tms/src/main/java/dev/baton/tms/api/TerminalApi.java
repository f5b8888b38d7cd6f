package dev.baton.tms.api;

import dev.baton.tms.TerminalManagement;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.device.Activation;
import dev.baton.tms.device.CheckIns;
import dev.baton.tms.device.Inventory;
import dev.baton.tms.device.TerminalIdentity;
import dev.baton.tms.device.TerminalTask;
import dev.baton.tms.device.TerminalTasks;
import dev.baton.tms.packages.ByteRange;
import dev.baton.tms.packages.SoftwarePackages;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What terminals call. Every call but activation carries the terminal's credentials (HTTP Basic:
 * terminal id, credential); every call is counted against the terminal's rate limit first.
 */
@Path("/terminal")
@Produces(MediaType.APPLICATION_JSON)
public class TerminalApi {

  /** Activation request: the serial number and the one-time code the operator got at enrolment. */
  public record ActivationRequest(String serialNumber, String activationCode) {}

  /** Activation answer: the id and credential the terminal uses from now on. */
  public record ActivationResponse(long terminalId, String credential) {}

  /** Check-in answer: how many tasks wait for the terminal. */
  public record CheckInResponse(int pendingTasks) {}

  /** A deferral: the terminal is busy until then. */
  public record Deferral(Instant until) {}

  /** A task's result. */
  public record TaskResult(boolean installed, String reason) {}

  @Inject
  TerminalManagement tms;

  @Inject
  TmsServices services;

  @POST
  @Path("/activation")
  @Consumes(MediaType.APPLICATION_JSON)
  public ActivationResponse activate(ActivationRequest request) {
    if (request == null || request.serialNumber() == null) {
      throw new dev.baton.tms.db.InvalidInput("serialNumber", "is required");
    }
    // Before activation there is no terminal id yet: activations are limited per serial number.
    limit(-1L - (request.serialNumber().hashCode() & 0x7fffffffL));
    Activation.Activated activated = tms.activation().activate(request.serialNumber(), request.activationCode());
    return new ActivationResponse(activated.terminalId(), activated.credential());
  }

  @POST
  @Path("/checkin")
  @Consumes(MediaType.APPLICATION_JSON)
  public CheckInResponse checkIn(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Inventory inventory)
      throws InterruptedException {
    TerminalCredentials credentials = TerminalCredentials.from(authorization);
    limit(credentials.terminalId());
    CheckIns.Result result =
        services.checkIns().checkIn(credentials.terminalId(), credentials.credential(),
            inventory == null ? new Inventory(null, null, null, null, null, null) : inventory);
    if (!result.accepted()) {
      throw new dev.baton.tms.device.Unauthenticated("these credentials are not those of an active terminal");
    }
    return new CheckInResponse(result.pendingTasks());
  }

  @GET
  @Path("/tasks")
  public List<TerminalTask> tasks(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return tms.tasks().released(authenticate(authorization));
  }

  @POST
  @Path("/tasks/{task}/deferral")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response defer(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("task") long task, Deferral deferral) {
    tms.tasks().defer(authenticate(authorization), task, deferral == null ? null : deferral.until(), Clock.systemUTC().instant());
    return Response.noContent().build();
  }

  @POST
  @Path("/tasks/{task}/result")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response report(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("task") long task, TaskResult result) {
    if (result == null) {
      throw new dev.baton.tms.db.InvalidInput("installed", "is required");
    }
    tms.tasks().report(authenticate(authorization), task, result.installed(), result.reason());
    return Response.noContent().build();
  }

  /** The effective parameters a PROFILE task asks the terminal to apply. */
  @GET
  @Path("/profiles/{profile}/versions/{version}")
  public Map<String, ?> parameters(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("profile") long profile, @PathParam("version") int version) {
    TerminalIdentity terminal = authenticate(authorization);
    return tms.profiles().effective(new TenantScope(terminal.tenantId(), "terminal:" + terminal.serialNumber()), profile, version,
        terminal.terminalId());
  }

  /**
   * Downloads a package of the terminal's tenant, whole (200) or the byte range asked for (206);
   * {@code Repr-Digest} (RFC 9530) and {@code X-Checksum-SHA256} give the SHA-256 of the whole
   * package, so a resumed download is checked once complete.
   */
  @GET
  @Path("/packages/{package}")
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  public Response download(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @HeaderParam("Range") String rangeHeader,
      @PathParam("package") long packageId) throws IOException {
    TerminalIdentity terminal = authenticate(authorization);
    SoftwarePackages packages = tms.packages();
    SoftwarePackages.PackageView pkg = packages.findForTenant(terminal.tenantId(), packageId);
    tms.tasks().downloading(terminal, packageId);
    Optional<ByteRange> range = ByteRange.parse(rangeHeader, pkg.size());
    long first = range.map(ByteRange::first).orElse(0L);
    long length = range.map(ByteRange::length).orElse(pkg.size());
    InputStream content = packages.store().open(pkg.storageKey(), first, length);
    StreamingOutput body = out -> {
      try (content) {
        content.transferTo(out);
      }
    };
    Response.ResponseBuilder response = Response.status(range.isPresent() ? 206 : 200)
        .entity(body)
        .header("Accept-Ranges", "bytes")
        .header(HttpHeaders.CONTENT_LENGTH, length)
        .header("ETag", "\"" + pkg.sha256() + "\"")
        .header("X-Checksum-SHA256", pkg.sha256())
        .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(pkg.sha256())) + ":");
    range.ifPresent(r -> response.header("Content-Range", r.contentRange(pkg.size())));
    return response.build();
  }

  /** Sends the logs a LOG_UPLOAD task asked for; they land in the object store for the operator. */
  @PUT
  @Path("/tasks/{task}/logs")
  @Consumes(MediaType.WILDCARD)
  public Response uploadLogs(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("task") long task, InputStream logs)
      throws IOException {
    TerminalTasks.LogFile stored = tms.tasks().uploadLogs(authenticate(authorization), task, logs);
    return Response.status(Response.Status.CREATED).entity(Map.of("size", stored.size(), "sha256", stored.sha256())).build();
  }

  private TerminalIdentity authenticate(String authorization) {
    TerminalCredentials credentials = TerminalCredentials.from(authorization);
    limit(credentials.terminalId());
    return tms.activation().authenticate(credentials.terminalId(), credentials.credential());
  }

  private void limit(long key) {
    Duration wait = services.rateLimiter().acquire(key);
    if (!wait.isZero()) {
      throw new WebApplicationException(
          Response.status(429)
              .header("Retry-After", Math.max(1, (wait.toMillis() + 999) / 1000))
              .type(MediaType.APPLICATION_JSON_TYPE)
              .entity(Map.of("reason", "too many calls from this terminal; retry after the time given"))
              .build());
    }
  }
}

package dev.baton.systemtests.tms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A payment terminal as the terminal API sees it: activates with its one-time code, then calls
 * with its credential; downloads packages in pieces the way a terminal on a poor line does.
 */
public final class TerminalSimulator {

  private final HttpClient http;
  private final String api;
  private final String serialNumber;
  private long terminalId;
  private String credential;

  public TerminalSimulator(HttpClient http, String api, String serialNumber) {
    this.http = http;
    this.api = api;
    this.serialNumber = serialNumber;
  }

  public void activate(String code) throws IOException, InterruptedException {
    HttpResponse<String> answer = send(post("/activation", "{\"serialNumber\":\"" + serialNumber + "\",\"activationCode\":\"" + code + "\"}", false));
    assertEquals(200, answer.statusCode(), answer.body());
    terminalId = Json.number(answer.body(), "terminalId");
    credential = Json.field(answer.body(), "credential");
  }

  public HttpResponse<String> activateAgain(String code) throws IOException, InterruptedException {
    return send(post("/activation", "{\"serialNumber\":\"" + serialNumber + "\",\"activationCode\":\"" + code + "\"}", false));
  }

  public HttpResponse<String> checkIn(String inventoryJson) throws IOException, InterruptedException {
    return send(post("/checkin", inventoryJson, true));
  }

  public HttpResponse<String> tasks() throws IOException, InterruptedException {
    return get("/tasks");
  }

  public HttpResponse<String> report(long taskId, boolean installed, String reason) throws IOException, InterruptedException {
    return send(post("/tasks/" + taskId + "/result",
        "{\"installed\":" + installed + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}", true));
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(authorized(HttpRequest.newBuilder(URI.create(api + path))).GET().build());
  }

  public HttpResponse<String> uploadLogs(long taskId, byte[] logs) throws IOException, InterruptedException {
    return send(authorized(HttpRequest.newBuilder(URI.create(api + "/tasks/" + taskId + "/logs")))
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(logs))
        .build());
  }

  /** Starts a download and drops the connection after {@code bytes} bytes, as a terminal losing its line. */
  public byte[] downloadInterrupted(long packageId, int bytes) throws IOException, InterruptedException {
    HttpResponse<InputStream> answer =
        http.send(authorized(HttpRequest.newBuilder(URI.create(api + "/packages/" + packageId))).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, answer.statusCode());
    try (InputStream in = answer.body()) {
      return in.readNBytes(bytes);
    }
  }

  /** Asks for the rest from {@code offset} on. */
  public HttpResponse<byte[]> resume(long packageId, long offset) throws IOException, InterruptedException {
    return http.send(
        authorized(HttpRequest.newBuilder(URI.create(api + "/packages/" + packageId))).header("Range", "bytes=" + offset + "-").GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  public TerminalSimulator withCredential(String other) {
    TerminalSimulator impostor = new TerminalSimulator(http, api, serialNumber);
    impostor.terminalId = terminalId;
    impostor.credential = other;
    return impostor;
  }

  public long terminalId() {
    return terminalId;
  }

  public static byte[] concat(byte[] first, byte[] second) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(first);
    all.writeBytes(second);
    return all.toByteArray();
  }

  private HttpRequest post(String path, String json, boolean authorized) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(api + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    return (authorized ? authorized(builder) : builder).build();
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
    String basic = Base64.getEncoder().encodeToString((terminalId + ":" + credential).getBytes(StandardCharsets.UTF_8));
    return builder.header("Authorization", "Basic " + basic);
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}

package dev.baton.api;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** An error answer as RFC 9457 describes it ({@code application/problem+json}). */
final class Problem {

  static final String MEDIA_TYPE = "application/problem+json";

  private Problem() {}

  static Response of(int status, String title, String detail) {
    return of(status, title, detail, Map.of());
  }

  /** A problem with a message per wrong field, under {@code fields}. */
  static Response of(int status, String title, String detail, Map<String, String> fields) {
    JsonObjectBuilder body = Json.createObjectBuilder()
        .add("type", "about:blank")
        .add("title", title)
        .add("status", status)
        .add("detail", detail == null ? title : detail);
    if (!fields.isEmpty()) {
      JsonObjectBuilder byField = Json.createObjectBuilder();
      fields.forEach(byField::add);
      body.add("fields", byField);
    }
    return Response.status(status).type(MEDIA_TYPE).entity(body.build().toString()).build();
  }
}

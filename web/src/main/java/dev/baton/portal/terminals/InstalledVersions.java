package dev.baton.portal.terminals;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** The applications a terminal reported at its last check-in ({@code {"name": "version"}}), by name. */
public final class InstalledVersions {

  /** One installed application. */
  public record Application(String name, String version) {}

  private InstalledVersions() {}

  static List<Application> of(String applicationsJson) {
    if (applicationsJson == null || applicationsJson.isBlank()) {
      return List.of();
    }
    JsonObject applications;
    try {
      applications = Json.createReader(new StringReader(applicationsJson)).readObject();
    } catch (JsonException | IllegalStateException | ClassCastException unreadable) {
      return List.of(new Application("(unreadable)", applicationsJson));
    }
    List<Application> installed = new ArrayList<>();
    applications.forEach((name, version) ->
        installed.add(new Application(name, version instanceof JsonString text ? text.getString() : version.toString())));
    installed.sort(java.util.Comparator.comparing(Application::name));
    return installed;
  }
}

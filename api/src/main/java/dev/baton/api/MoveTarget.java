package dev.baton.api;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** The body of a move: exactly {@code {"to":"A"}} or {@code {"to":"B"}}. */
final class MoveTarget {

  private MoveTarget() {}

  /** The node named by {@code body}; a {@link BadRequest} saying what is wrong otherwise. */
  static String parse(String body) {
    if (body == null || body.isBlank()) {
      throw new BadRequest("the body must be {\"to\":\"A\"} or {\"to\":\"B\"}; it was empty");
    }
    JsonValue value;
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      value = reader.readValue();
    } catch (JsonException | IllegalStateException e) {
      throw new BadRequest("the body is not JSON: " + e.getMessage());
    }
    if (!(value instanceof JsonObject object) || object.size() != 1 || !(object.get("to") instanceof JsonString to)) {
      throw new BadRequest("the body must be {\"to\":\"A\"} or {\"to\":\"B\"}, not " + body.strip());
    }
    if (!"A".equals(to.getString()) && !"B".equals(to.getString())) {
      throw new BadRequest("\"to\" is \"A\" or \"B\", not \"" + to.getString() + "\"");
    }
    return to.getString();
  }
}

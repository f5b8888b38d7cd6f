package dev.baton.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document the console serves at /openapi describes every call of the API, with its roles. */
class OpenApiDocumentTest {

  private static final List<Class<?>> RESOURCES =
      List.of(BanksResource.class, NodesResource.class, SessionsResource.class, HistoryResource.class, ConfigurationResource.class);

  private record Call(String method, String path, Set<String> roles) {}

  @Test
  void everyResourceMethodIsInTheDocumentWithTheRolesItAllows() throws IOException {
    JsonObject paths = document().getJsonObject("paths");
    List<Call> calls = calls();
    assertTrue(calls.size() >= 20, "the API has its calls: " + calls);
    for (Call call : calls) {
      JsonObject path = paths.getJsonObject(call.path());
      assertTrue(path != null && path.containsKey(call.method()), call.method() + " " + call.path() + " is documented");
      Set<String> documented = new TreeSet<>();
      path.getJsonObject(call.method()).getJsonArray("x-roles").getValuesAs(jakarta.json.JsonString.class)
          .forEach(role -> documented.add(role.getString()));
      assertEquals(call.roles(), documented, "roles of " + call.method() + " " + call.path());
    }
  }

  @Test
  void theDocumentDescribesNoCallTheApiLacks() throws IOException {
    JsonObject paths = document().getJsonObject("paths");
    Set<String> implemented = new TreeSet<>();
    calls().forEach(call -> implemented.add(call.method() + " " + call.path()));
    for (String path : paths.keySet()) {
      for (String method : paths.getJsonObject(path).keySet()) {
        if (!"parameters".equals(method)) {
          assertTrue(implemented.contains(method + " " + path), method + " " + path + " is implemented");
        }
      }
    }
  }

  private static List<Call> calls() {
    List<Call> calls = new ArrayList<>();
    for (Class<?> resource : RESOURCES) {
      String base = resource.getAnnotation(Path.class).value();
      RolesAllowed classRoles = resource.getAnnotation(RolesAllowed.class);
      for (Method method : resource.getDeclaredMethods()) {
        String verb = verb(method);
        if (verb == null) {
          continue;
        }
        Path sub = method.getAnnotation(Path.class);
        String path = "/api" + (base.isEmpty() ? "" : "/" + base) + (sub == null ? "" : "/" + sub.value());
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class) != null ? method.getAnnotation(RolesAllowed.class) : classRoles;
        assertTrue(roles != null, verb + " " + path + " names its roles");
        calls.add(new Call(verb, path, new TreeSet<>(List.of(roles.value()))));
      }
    }
    return calls;
  }

  private static String verb(Method method) {
    if (method.isAnnotationPresent(GET.class)) return "get";
    if (method.isAnnotationPresent(POST.class)) return "post";
    if (method.isAnnotationPresent(PUT.class)) return "put";
    if (method.isAnnotationPresent(DELETE.class)) return "delete";
    return null;
  }

  private static JsonObject document() throws IOException {
    java.nio.file.Path file = java.nio.file.Path.of("..", "web", "src", "main", "resources", "dev", "baton", "console", "openapi.json");
    try (Reader text = Files.newBufferedReader(file); JsonReader reader = Json.createReader(text)) {
      return reader.readObject();
    }
  }
}

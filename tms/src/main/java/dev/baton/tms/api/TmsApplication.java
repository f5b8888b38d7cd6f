package dev.baton.tms.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The terminal management REST API: {@code /api/terminal} for terminals (their own
 * credentials), {@code /api/operator} for terminal operators (Keycloak, role
 * {@code tms-operator}). Described in {@code /openapi.yaml}.
 */
@ApplicationPath("/api")
public class TmsApplication extends Application {}

package dev.baton.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The management API, at the war's context root ({@code /api}). */
@ApplicationPath("/")
public class BatonApi extends Application {}

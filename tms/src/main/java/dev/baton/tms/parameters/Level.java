package dev.baton.tms.parameters;

/** Where a value is set: for the whole tenant, for a group, or for one terminal (in rising precedence). */
public enum Level {
  DEFAULT,
  TENANT,
  GROUP,
  TERMINAL
}

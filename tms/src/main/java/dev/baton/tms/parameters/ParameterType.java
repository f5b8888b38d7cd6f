package dev.baton.tms.parameters;

/** The type of a terminal parameter; values are stored as text and checked against it. */
public enum ParameterType {
  STRING,
  INTEGER,
  BOOLEAN
}

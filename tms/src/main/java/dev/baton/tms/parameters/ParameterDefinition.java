package dev.baton.tms.parameters;

import java.util.Optional;

/**
 * One typed parameter of a profile.
 *
 * @param name the parameter's name, as the terminal application knows it
 * @param type its type
 * @param min smallest INTEGER value, or null
 * @param max largest INTEGER value, or null
 * @param maxLength longest STRING value, or null
 * @param defaultValue the value when no level sets one, or null for none
 */
public record ParameterDefinition(String name, ParameterType type, Long min, Long max, Integer maxLength, String defaultValue) {

  /** Why {@code value} is not a value of this parameter, or empty when it is one. */
  public Optional<String> check(String value) {
    if (value == null) {
      return Optional.of("a value is required");
    }
    return switch (type) {
      case BOOLEAN ->
          value.equals("true") || value.equals("false") ? Optional.empty() : Optional.of("'" + value + "' is not true or false");
      case INTEGER -> checkInteger(value);
      case STRING ->
          maxLength != null && value.length() > maxLength
              ? Optional.of("is " + value.length() + " characters, at most " + maxLength + " allowed")
              : Optional.empty();
    };
  }

  private Optional<String> checkInteger(String value) {
    long number;
    try {
      number = Long.parseLong(value);
    } catch (NumberFormatException e) {
      return Optional.of("'" + value + "' is not a whole number");
    }
    if (min != null && number < min) {
      return Optional.of(number + " is below the minimum " + min);
    }
    if (max != null && number > max) {
      return Optional.of(number + " is above the maximum " + max);
    }
    return Optional.empty();
  }
}

package dev.baton.operations.configuration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Field-by-field checks of a configuration change that need nothing but the change itself; the
 * checks against what is configured already (a port another session listens on, a BIN prefix
 * taken) are the service's. Each method returns field name to message, empty when all is well.
 */
public final class ConfigurationRules {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final Pattern PREFIX = Pattern.compile("[0-9]{1,19}");
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Set<String> ROLES = Set.of("ACQUIRER", "ISSUER", "BOTH");
  private static final Set<String> NODES = Set.of("A", "B");
  private static final Set<String> MODES = Set.of("LISTEN", "DIAL");
  private static final Set<String> FRAMINGS = Set.of("BINARY2", "BINARY2_TPDU", "ASCII4", "ASCII4_TPDU");
  private static final Set<String> PACKAGERS = Set.of("ISO87B", "ISO87A", "ISO93B");
  private static final Set<String> DIRECTIONS = Set.of("INBOUND", "OUTBOUND");
  private static final Set<String> ACTIONS = Set.of("SET", "COPY", "STRIP", "PAD");

  private ConfigurationRules() {}

  /** Refuses the change with these messages, if there are any. */
  public static void require(Map<String, String> errors) throws dev.baton.operations.InvalidConfiguration {
    if (!errors.isEmpty()) {
      throw new dev.baton.operations.InvalidConfiguration(errors);
    }
  }

  public static Map<String, String> bank(BankSettings bank) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (bank.id() == null || !ID.matcher(bank.id()).matches()) {
      errors.put("id", "a bank id is 1 to 16 letters, digits, '-' or '_'");
    }
    if (bank.name() == null || bank.name().isBlank() || bank.name().length() > 128) {
      errors.put("name", "a name is required, at most 128 characters");
    }
    oneOf(errors, "role", bank.role(), ROLES);
    oneOf(errors, "homeNode", bank.homeNode(), NODES);
    return errors;
  }

  public static Map<String, String> session(SessionSettings session) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (session.id() == null || !SESSION_ID.matcher(session.id()).matches()) {
      errors.put("id", "a session id is 1 to 32 letters, digits, '-' or '_'");
    }
    if (session.bankId() == null || session.bankId().isBlank()) {
      errors.put("bankId", "a session belongs to a bank");
    }
    oneOf(errors, "mode", session.mode(), MODES);
    if (session.host() == null || session.host().isBlank() || session.host().length() > 255) {
      errors.put("host", "a host is required: the address to listen on, or the bank's host");
    }
    if (session.port() < 1 || session.port() > 65535) {
      errors.put("port", "a port is between 1 and 65535, not " + session.port());
    }
    String cidr = cidrProblem(session.allowedSources());
    if (cidr != null) {
      errors.put("allowedSources", cidr);
    }
    oneOf(errors, "framing", session.framing(), FRAMINGS);
    oneOf(errors, "packager", session.packager(), PACKAGERS);
    atLeast(errors, "echoIntervalMs", session.echoIntervalMs(), 0);
    atLeast(errors, "idleTimeoutMs", session.idleTimeoutMs(), 0);
    atLeast(errors, "readTimeoutMs", session.readTimeoutMs(), 1);
    if (session.maxFrameSize() < 64 || session.maxFrameSize() > 65535) {
      errors.put("maxFrameSize", "a frame limit is between 64 and 65535 bytes");
    }
    atLeast(errors, "badFramesToClose", session.badFramesToClose(), 1);
    return errors;
  }

  public static Map<String, String> binRange(BinRange range) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (range.prefix() == null || !PREFIX.matcher(range.prefix()).matches()) {
      errors.put("prefix", "a BIN prefix is 1 to 19 digits");
    }
    if (range.issuerId() == null || range.issuerId().isBlank()) {
      errors.put("issuerId", "a BIN range names its issuer");
    }
    return errors;
  }

  public static Map<String, String> fieldCorrection(FieldCorrection rule) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (rule.bankId() == null || rule.bankId().isBlank()) {
      errors.put("bankId", "a rule belongs to a bank");
    }
    oneOf(errors, "direction", rule.direction(), DIRECTIONS);
    oneOf(errors, "action", rule.action(), ACTIONS);
    if (rule.field() < 2 || rule.field() > 128) {
      errors.put("field", "a field is between 2 and 128");
    }
    String action = rule.action() == null ? "" : rule.action();
    switch (action) {
      case "SET" -> {
        if (rule.value() == null || rule.value().isEmpty()) {
          errors.put("value", "SET needs the value to write");
        }
      }
      case "COPY" -> {
        if (rule.fromField() == null || rule.fromField() < 2 || rule.fromField() > 128) {
          errors.put("fromField", "COPY needs the field to copy from, 2 to 128");
        }
      }
      case "PAD" -> {
        if (!"LEFT".equals(rule.padSide()) && !"RIGHT".equals(rule.padSide())) {
          errors.put("padSide", "PAD needs a side: LEFT or RIGHT");
        }
        if (rule.padChar() == null || rule.padChar().length() != 1) {
          errors.put("padChar", "PAD needs one character to pad with");
        }
        if (rule.padLength() == null || rule.padLength() < 1 || rule.padLength() > 999) {
          errors.put("padLength", "PAD needs a length between 1 and 999");
        }
      }
      default -> {}
    }
    return errors;
  }

  /**
   * Why {@code sources} is not a list of CIDR blocks (e.g. {@code 10.0.0.0/8, 127.0.0.1/32}), or
   * null when it is.
   */
  public static String cidrProblem(String sources) {
    if (sources == null || sources.isBlank()) {
      return "at least one CIDR block is required, e.g. 127.0.0.1/32";
    }
    for (String block : sources.split(",")) {
      String trimmed = block.trim();
      int slash = trimmed.indexOf('/');
      if (slash < 0) {
        return "'" + trimmed + "' is not a CIDR block: address/prefix length, e.g. 10.1.2.0/24";
      }
      String address = trimmed.substring(0, slash);
      int bits;
      try {
        bits = Integer.parseInt(trimmed.substring(slash + 1));
      } catch (NumberFormatException e) {
        return "'" + trimmed + "': the prefix length after '/' is not a number";
      }
      int maxBits;
      if (IPV4.matcher(address).matches()) {
        for (String octet : address.split("\\.")) {
          if (Integer.parseInt(octet) > 255) {
            return "'" + trimmed + "': " + octet + " is not an IPv4 octet (0 to 255)";
          }
        }
        maxBits = 32;
      } else if (address.contains(":") && address.matches("[0-9A-Fa-f:.]+")) {
        maxBits = 128;
      } else {
        return "'" + trimmed + "': '" + address + "' is not an IPv4 or IPv6 address";
      }
      if (bits < 0 || bits > maxBits) {
        return "'" + trimmed + "': a prefix length is between 0 and " + maxBits;
      }
    }
    return null;
  }

  private static void oneOf(Map<String, String> errors, String field, String value, Set<String> allowed) {
    if (value == null || !allowed.contains(value)) {
      errors.put(field, "one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ", not '" + value + "'");
    }
  }

  private static void atLeast(Map<String, String> errors, String field, int value, int minimum) {
    if (value < minimum) {
      errors.put(field, "at least " + minimum + ", not " + value);
    }
  }
}

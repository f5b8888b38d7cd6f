package dev.baton.connector.registry;

import dev.baton.connector.api.BankSessionSettings;
import dev.baton.connector.config.AllowedSources;
import dev.baton.connector.config.BankRole;
import dev.baton.connector.config.BankSessionConfig;
import dev.baton.connector.config.ErrorPolicy;
import dev.baton.connector.config.SessionMode;
import dev.baton.connector.framing.FrameRules;
import dev.baton.connector.framing.Framing;
import dev.baton.connector.framing.OversizedFramePolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the application's settings for a session into the adapter's configuration. Options left
 * out take the same defaults as {@link BankSessionConfig#of}; an option the adapter does not know
 * is refused, because a misspelt column would otherwise silently run a session on a default.
 */
public final class SettingsReader {

  private final Map<String, String> options;
  private final Set<String> unread;

  private SettingsReader(Map<String, String> options) {
    this.options = options;
    this.unread = new HashSet<>(options.keySet());
  }

  /**
   * The configuration the settings describe.
   *
   * @throws IllegalArgumentException when a setting is missing, malformed or unknown
   */
  public static BankSessionConfig read(BankSessionSettings settings) {
    SettingsReader reader = new SettingsReader(settings.options());
    BankSessionConfig defaults = BankSessionConfig.of(
        "default", "default", SessionMode.LISTEN, "127.0.0.1", 0);
    FrameRules rulesByDefault = defaults.frameRules();
    FrameRules rules = new FrameRules(
        reader.number("maxFrameBytes", rulesByDefault.maxFrameBytes()),
        reader.millis("readTimeoutMillis", rulesByDefault.readTimeout()),
        reader.millis("idleTimeoutMillis", rulesByDefault.idleTimeout()),
        OversizedFramePolicy.valueOf(
            reader.upper("oversizedFrames", rulesByDefault.oversizedFrames().name())),
        reader.text("tpduHex", rulesByDefault.tpduHex()),
        reader.millis("writeTimeoutMillis", rulesByDefault.writeTimeout()));
    BankSessionConfig config = new BankSessionConfig(
        settings.bankId(),
        settings.sessionId(),
        BankRole.valueOf(reader.upper("role", defaults.role().name())),
        SessionMode.valueOf(settings.mode().trim().toUpperCase(Locale.ROOT)),
        settings.host(),
        settings.port(),
        AllowedSources.parse(reader.text("allowedSources", defaults.allowedSources().toString())),
        Framing.of(reader.text("framing", defaults.framing().configName())),
        reader.text("packager", defaults.packager()),
        rules,
        new ErrorPolicy(reader.number(
            "maxConsecutiveBadFrames", defaults.errorPolicy().maxConsecutiveBadFrames())),
        reader.millis("echoIntervalMillis", defaults.echoInterval()),
        reader.number("echoMissLimit", defaults.echoMissLimit()),
        reader.millis("reconnectMinMillis", defaults.reconnectMin()),
        reader.millis("reconnectMaxMillis", defaults.reconnectMax()));
    if (!reader.unread.isEmpty()) {
      throw new IllegalArgumentException("session " + settings.sessionId()
          + ": unknown options " + reader.unread);
    }
    return config;
  }

  private String text(String name, String fallback) {
    unread.remove(name);
    String value = options.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private String upper(String name, String fallback) {
    return text(name, fallback).toUpperCase(Locale.ROOT);
  }

  private int number(String name, int fallback) {
    String value = text(name, Integer.toString(fallback));
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a number: " + value, e);
    }
  }

  private Duration millis(String name, Duration fallback) {
    String value = text(name, Long.toString(fallback.toMillis()));
    try {
      return Duration.ofMillis(Long.parseLong(value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a number of milliseconds: " + value, e);
    }
  }
}

package dev.baton.tms.api;

import dev.baton.tms.device.Unauthenticated;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A terminal's credentials from an {@code Authorization: Basic} header: its terminal id as the
 * user name, the credential it got at activation as the password.
 */
record TerminalCredentials(long terminalId, String credential) {

  static TerminalCredentials from(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw new Unauthenticated("send Authorization: Basic with the terminal id and its credential");
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Unauthenticated("the Basic credentials are not base64");
    }
    int colon = decoded.indexOf(':');
    try {
      return new TerminalCredentials(Long.parseLong(decoded.substring(0, Math.max(colon, 0))), decoded.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new Unauthenticated("the user name must be the terminal id");
    }
  }
}

package dev.baton.console.configuration;

import dev.baton.operations.configuration.SessionSettings;
import java.io.Serializable;

/** A session being edited in the form: every field as the person typed it, until saved. */
public class SessionDraft implements Serializable {

  private static final long serialVersionUID = 1L;

  private boolean creating;
  private String id;
  private String bankId;
  private String mode;
  private String host;
  private Integer port;
  private String allowedSources;
  private String framing;
  private String packager;
  private Integer echoIntervalMs;
  private Integer idleTimeoutMs;
  private Integer readTimeoutMs;
  private Integer maxFrameSize;
  private Integer badFramesToClose;
  private boolean enabled;

  static SessionDraft of(SessionSettings s) {
    SessionDraft draft = new SessionDraft();
    draft.id = s.id();
    draft.bankId = s.bankId();
    draft.mode = s.mode();
    draft.host = s.host();
    draft.port = s.port() == 0 ? null : s.port();
    draft.allowedSources = s.allowedSources();
    draft.framing = s.framing();
    draft.packager = s.packager();
    draft.echoIntervalMs = s.echoIntervalMs();
    draft.idleTimeoutMs = s.idleTimeoutMs();
    draft.readTimeoutMs = s.readTimeoutMs();
    draft.maxFrameSize = s.maxFrameSize();
    draft.badFramesToClose = s.badFramesToClose();
    draft.enabled = s.enabled();
    return draft;
  }

  SessionSettings settings() {
    return new SessionSettings(id == null ? null : id.trim(), bankId, mode, host, valueOf(port), allowedSources, framing,
        packager, valueOf(echoIntervalMs), valueOf(idleTimeoutMs), valueOf(readTimeoutMs), valueOf(maxFrameSize),
        valueOf(badFramesToClose), enabled);
  }

  private static int valueOf(Integer number) {
    return number == null ? -1 : number;
  }

  public boolean isCreating() { return creating; }
  public void setCreating(boolean creating) { this.creating = creating; }
  public String getId() { return id; }
  public void setId(String id) { this.id = id; }
  public String getBankId() { return bankId; }
  public void setBankId(String bankId) { this.bankId = bankId; }
  public String getMode() { return mode; }
  public void setMode(String mode) { this.mode = mode; }
  public String getHost() { return host; }
  public void setHost(String host) { this.host = host; }
  public Integer getPort() { return port; }
  public void setPort(Integer port) { this.port = port; }
  public String getAllowedSources() { return allowedSources; }
  public void setAllowedSources(String allowedSources) { this.allowedSources = allowedSources; }
  public String getFraming() { return framing; }
  public void setFraming(String framing) { this.framing = framing; }
  public String getPackager() { return packager; }
  public void setPackager(String packager) { this.packager = packager; }
  public Integer getEchoIntervalMs() { return echoIntervalMs; }
  public void setEchoIntervalMs(Integer echoIntervalMs) { this.echoIntervalMs = echoIntervalMs; }
  public Integer getIdleTimeoutMs() { return idleTimeoutMs; }
  public void setIdleTimeoutMs(Integer idleTimeoutMs) { this.idleTimeoutMs = idleTimeoutMs; }
  public Integer getReadTimeoutMs() { return readTimeoutMs; }
  public void setReadTimeoutMs(Integer readTimeoutMs) { this.readTimeoutMs = readTimeoutMs; }
  public Integer getMaxFrameSize() { return maxFrameSize; }
  public void setMaxFrameSize(Integer maxFrameSize) { this.maxFrameSize = maxFrameSize; }
  public Integer getBadFramesToClose() { return badFramesToClose; }
  public void setBadFramesToClose(Integer badFramesToClose) { this.badFramesToClose = badFramesToClose; }
  public boolean isEnabled() { return enabled; }
  public void setEnabled(boolean enabled) { this.enabled = enabled; }
}

package dev.baton.connector.metrics;

import dev.baton.connector.api.SessionInfo;
import dev.baton.connector.api.SessionStatistics;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One session's MBean. It holds no figures of its own: every read takes the session's current
 * view, so a JMX client sees exactly what {@code sessionsOf} would return at that moment.
 */
public final class SessionMetrics implements SessionMetricsMBean {

  private final Supplier<SessionInfo> view;

  /** @param view the session's current view, read on every attribute access */
  public SessionMetrics(Supplier<SessionInfo> view) {
    this.view = Objects.requireNonNull(view, "view");
  }

  private SessionInfo info() {
    return view.get();
  }

  private SessionStatistics statistics() {
    return view.get().statistics();
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  @Override
  public String getBankId() {
    return info().bankId();
  }

  @Override
  public String getSessionId() {
    return info().sessionId();
  }

  @Override
  public String getState() {
    return info().state().name();
  }

  @Override
  public String getRemoteAddress() {
    return text(info().remoteAddress());
  }

  @Override
  public String getConnectedSince() {
    return text(info().connectedSince());
  }

  @Override
  public long getFramesIn() {
    return statistics().framesIn();
  }

  @Override
  public long getFramesOut() {
    return statistics().framesOut();
  }

  @Override
  public long getBadFrames() {
    return statistics().badFrames();
  }

  @Override
  public long getFormatErrorsAnswered() {
    return statistics().formatErrorsAnswered();
  }

  @Override
  public long getDroppedFrames() {
    return statistics().droppedFrames();
  }

  @Override
  public long getOversizedFrames() {
    return statistics().oversizedFrames();
  }

  @Override
  public long getReadTimeouts() {
    return statistics().readTimeouts();
  }

  @Override
  public long getWriteTimeouts() {
    return statistics().writeTimeouts();
  }

  @Override
  public long getRefusedConnections() {
    return statistics().refusedConnections();
  }

  @Override
  public long getConnections() {
    return statistics().connections();
  }

  @Override
  public String getLastMessageAt() {
    return text(statistics().lastMessageAt());
  }

  @Override
  public long getLastMessageEpochMillis() {
    Instant last = statistics().lastMessageAt();
    return last == null ? -1 : last.toEpochMilli();
  }

  @Override
  public long getDelivered() {
    return statistics().delivered();
  }

  @Override
  public long getBuffered() {
    return statistics().buffered();
  }

  @Override
  public long getDeclinedUndelivered() {
    return statistics().declinedUndelivered();
  }

  @Override
  public long getLostUndelivered() {
    return statistics().lostUndelivered();
  }

  @Override
  public long getDeliveryFailures() {
    return statistics().deliveryFailures();
  }

  @Override
  public long getEchoesSent() {
    return statistics().echoesSent();
  }

  @Override
  public long getEchoesAnswered() {
    return statistics().echoesAnswered();
  }

  @Override
  public long getEchoesMissed() {
    return statistics().echoesMissed();
  }

  @Override
  public boolean isEchoOverdue() {
    return info().echoOverdue();
  }

  @Override
  public String getLastEchoSentAt() {
    return text(statistics().lastEchoSentAt());
  }

  @Override
  public String getLastEchoAnsweredAt() {
    return text(statistics().lastEchoAnsweredAt());
  }
}

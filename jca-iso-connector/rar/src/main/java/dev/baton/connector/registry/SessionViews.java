package dev.baton.connector.registry;

import dev.baton.connector.api.SessionInfo;
import dev.baton.connector.api.SessionState;
import dev.baton.connector.api.SessionStatistics;
import dev.baton.connector.inbound.DeliveryCounters;
import dev.baton.connector.inbound.InboundDispatcher;
import dev.baton.connector.session.BankSession;
import dev.baton.connector.session.EchoTracker;
import dev.baton.connector.session.SessionCounters;
import dev.baton.connector.transport.SessionEndpoint;
import java.util.Optional;

/**
 * A configured session as the application and the metrics see it: one place that gathers the
 * connection, frame, delivery and echo figures, so that {@code sessionsOf} and the MBeans never
 * disagree.
 */
public final class SessionViews {

  private final InboundDispatcher dispatcher;

  public SessionViews(InboundDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  /** The session as it is now, connected or not. */
  public SessionInfo info(SessionEndpoint endpoint) {
    Optional<BankSession> session = endpoint.session();
    SessionCounters.Snapshot frames = endpoint.counters().snapshot();
    DeliveryCounters.Snapshot delivery = dispatcher.delivery(endpoint.config().sessionId());
    EchoTracker.Snapshot echo = endpoint.echo().snapshot();
    SessionStatistics statistics = new SessionStatistics(frames.framesIn(), frames.framesOut(),
        frames.badFrames(), frames.formatErrorsAnswered(), frames.droppedFrames(),
        frames.oversizedFrames(), frames.readTimeouts(), frames.refusedConnections(),
        frames.connections(), frames.lastMessageAt(), delivery.delivered(), delivery.buffered(),
        delivery.declined(), delivery.lost(), delivery.failures(), echo.sent(), echo.answered(),
        echo.missed(), echo.lastSentAt(), echo.lastAnsweredAt(), frames.writeTimeouts());
    return new SessionInfo(endpoint.config().bankId(), endpoint.config().sessionId(),
        session.map(BankSession::state).orElse(SessionState.DISCONNECTED),
        session.map(BankSession::peer).orElse(null),
        session.map(BankSession::connectedAt).orElse(null),
        statistics,
        echo.overdue());
  }
}

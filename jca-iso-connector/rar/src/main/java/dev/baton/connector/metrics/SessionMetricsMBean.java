package dev.baton.connector.metrics;

/**
 * What one bank session exports over JMX. Plain numbers, booleans and text only, so that any JMX
 * client or metrics exporter reads it without the adapter's classes. Times are ISO-8601 text, or
 * empty when the event has not happened; the last message time is also given in epoch millis.
 */
public interface SessionMetricsMBean {

  String getBankId();

  String getSessionId();

  /** {@code DISCONNECTED}, {@code CONNECTED}, {@code SIGNED_ON} or {@code SIGNED_OFF}. */
  String getState();

  String getRemoteAddress();

  String getConnectedSince();

  long getFramesIn();

  long getFramesOut();

  long getBadFrames();

  long getFormatErrorsAnswered();

  long getDroppedFrames();

  long getOversizedFrames();

  long getReadTimeouts();

  long getWriteTimeouts();

  long getRefusedConnections();

  long getConnections();

  String getLastMessageAt();

  /** Epoch millis of the last frame received, or -1 when none has been. */
  long getLastMessageEpochMillis();

  long getDelivered();

  long getBuffered();

  long getDeclinedUndelivered();

  long getLostUndelivered();

  long getDeliveryFailures();

  long getEchoesSent();

  long getEchoesAnswered();

  long getEchoesMissed();

  boolean isEchoOverdue();

  String getLastEchoSentAt();

  String getLastEchoAnsweredAt();
}

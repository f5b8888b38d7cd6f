package dev.baton.connector.api;

import java.time.Instant;

/**
 * A session's counters at one moment, over all its connections since the adapter started it.
 *
 * @param framesIn frames read, good and bad
 * @param framesOut frames written
 * @param badFrames frames that did not unpack or had an unusable MTI
 * @param formatErrorsAnswered bad frames answered with RC 30
 * @param droppedFrames bad frames that could not be answered
 * @param oversizedFrames length prefixes over the maximum frame size
 * @param readTimeouts partial frames that did not complete in time
 * @param refusedConnections connections from addresses not allowed
 * @param connections connections that became sessions
 * @param lastMessageAt when the last frame arrived, or null
 * @param delivered messages handed to a message-driven endpoint
 * @param buffered messages waiting for an endpoint right now
 * @param declinedUndelivered requests the adapter declined with RC 91 because no endpoint took
 *     them before their deadline, the buffer was full, or the endpoint threw on them
 * @param lostUndelivered other messages (answers, advices that could not be declined) dropped
 *     because they expired or the buffer was full; each one is logged
 * @param deliveryFailures deliveries in which the endpoint threw
 * @param echoesSent echo tests (0800, field 70 = 301) the adapter sent because the bank had been
 *     silent for the session's echo interval
 * @param echoesAnswered echo tests the bank answered (0810) within the interval
 * @param echoesMissed echo tests left unanswered for a whole interval
 * @param lastEchoSentAt when the adapter last sent an echo test, or null
 * @param lastEchoAnsweredAt when the bank last answered one in time, or null
 * @param writeTimeouts connections the adapter ended because the bank read nothing for the
 *     session's write timeout while writes waited
 */
public record SessionStatistics(
    long framesIn,
    long framesOut,
    long badFrames,
    long formatErrorsAnswered,
    long droppedFrames,
    long oversizedFrames,
    long readTimeouts,
    long refusedConnections,
    long connections,
    Instant lastMessageAt,
    long delivered,
    long buffered,
    long declinedUndelivered,
    long lostUndelivered,
    long deliveryFailures,
    long echoesSent,
    long echoesAnswered,
    long echoesMissed,
    Instant lastEchoSentAt,
    Instant lastEchoAnsweredAt,
    long writeTimeouts) {}

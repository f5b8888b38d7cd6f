package dev.baton.connector.inbound;

import dev.baton.connector.api.BankMessage;
import dev.baton.connector.api.BankMessageHandler;
import dev.baton.connector.api.BankSessionListener;
import dev.baton.connector.api.SessionState;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Consumer;

/**
 * Calls on message-driven endpoints as the Connectors contract wants them. A bank message goes to
 * an endpoint its session keeps ({@link #message}); a state change, which is rare, gets an
 * endpoint of its own: create, {@code beforeDelivery}, invoke, {@code afterDelivery}, release, the
 * last two in {@code finally} so that a throwing bean never keeps an endpoint checked out.
 */
final class EndpointInvoker {

  /** How a delivery ended. */
  enum Outcome {
    /** The listener method ran and returned. */
    DELIVERED,
    /** No endpoint could be had, or it refused before the call: try again later. */
    NOT_TAKEN
  }

  static final Method ON_SESSION_STATE =
      method("onSessionState", String.class, String.class, SessionState.class);

  private EndpointInvoker() {}

  /**
   * What a kept endpoint's messages are given to when it offers no direct handler: the endpoint
   * itself, used for many deliveries one at a time (the Connectors contract allows it, never two at
   * once). No {@code beforeDelivery}/{@code afterDelivery}: they exist for transacted delivery,
   * and the listener method runs on its own in the container (class loader, security, no
   * transaction) as a delivery without them does. Creating, preparing and releasing an endpoint
   * for every message was a tenth of the edge's time under load.
   */
  static BankMessageHandler throughContainer(MessageEndpoint endpoint) {
    BankSessionListener listener = (BankSessionListener) endpoint;
    return new BankMessageHandler() {
      @Override
      public void onMessage(BankMessage message) {
        listener.onMessage(message);
      }

      @Override
      public void onMessages(List<BankMessage> messages) {
        listener.onMessages(messages);
      }
    };
  }

  /**
   * A message given to a kept endpoint's target ({@link #throughContainer}, or its direct handler
   * ({@link BankSessionListener#directHandler}) on the calling thread, no container around it).
   *
   * @throws DeliveryFailure when the listener method or handler threw
   */
  static void message(BankMessageHandler target, BankMessage message) {
    try {
      target.onMessage(message);
    } catch (RuntimeException failed) {
      throw new DeliveryFailure(failed);
    }
  }

  /**
   * Messages of one session, in order, in one call of a kept endpoint's target (see {@link
   * #message}).
   *
   * @throws DeliveryFailure when the listener method or handler threw
   */
  static void messages(BankMessageHandler target, List<BankMessage> messages) {
    try {
      target.onMessages(messages);
    } catch (RuntimeException failed) {
      throw new DeliveryFailure(failed);
    }
  }

  /**
   * The direct handler a kept endpoint offers, asked through the container; null when it offers
   * none or the call failed (its messages then go through the container).
   */
  static BankMessageHandler directHandler(MessageEndpoint endpoint) {
    try {
      return ((BankSessionListener) endpoint).directHandler();
    } catch (RuntimeException failed) {
      return null;
    }
  }

  /** An endpoint of {@code factory}; null when none can be had now. */
  static MessageEndpoint endpoint(MessageEndpointFactory factory) {
    try {
      return factory.createEndpoint(null);
    } catch (ResourceException | RuntimeException unavailable) {
      return null; // typically UnavailableException: the application is being undeployed right now
    }
  }

  /** Gives a kept endpoint back. */
  static void release(MessageEndpoint endpoint) {
    try {
      endpoint.release();
    } catch (RuntimeException alreadyGone) {
      // Its application went away meanwhile: nothing to give back.
    }
  }

  static Outcome state(MessageEndpointFactory factory, Pending.StateChange change) {
    return invoke(factory, ON_SESSION_STATE,
        listener -> listener.onSessionState(change.bankId(), change.sessionId(), change.state()));
  }

  private static Outcome invoke(
      MessageEndpointFactory factory, Method method, Consumer<BankSessionListener> call) {
    MessageEndpoint endpoint = endpoint(factory);
    if (endpoint == null) {
      return Outcome.NOT_TAKEN;
    }
    try {
      try {
        endpoint.beforeDelivery(method);
      } catch (ResourceException | NoSuchMethodException | RuntimeException refused) {
        return Outcome.NOT_TAKEN;
      }
      try {
        call.accept((BankSessionListener) endpoint);
      } finally {
        endpoint.afterDelivery();
      }
      return Outcome.DELIVERED;
    } catch (ResourceException | RuntimeException failed) {
      throw new DeliveryFailure(failed);
    } finally {
      endpoint.release();
    }
  }

  private static Method method(String name, Class<?>... parameters) {
    try {
      return BankSessionListener.class.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The listener method or afterDelivery threw; the message counts as delivered and failed. */
  static final class DeliveryFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeliveryFailure(Exception cause) {
      super(cause.toString(), cause);
    }
  }
}

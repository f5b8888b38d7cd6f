package dev.baton.connector.testkit;

import dev.baton.connector.api.BankMessage;
import dev.baton.connector.api.BankMessageHandler;
import dev.baton.connector.api.BankSessionListener;
import dev.baton.connector.api.SessionState;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.transaction.xa.XAResource;

/**
 * Plays the server's side of a message-driven bean: each endpoint is a dynamic proxy implementing
 * {@link BankSessionListener} and {@link MessageEndpoint}, whose listener calls go to the bean
 * the test gives, and every call on it is recorded as {@code "<endpoint no> <call>"}.
 */
public final class RecordingEndpointFactory implements MessageEndpointFactory {

  private final BankSessionListener bean;
  private final AtomicInteger created = new AtomicInteger();
  public final List<String> calls = new CopyOnWriteArrayList<>();
  public final List<BankMessage> messages = new CopyOnWriteArrayList<>();
  public final List<String> states = new CopyOnWriteArrayList<>();
  public final AtomicLong released = new AtomicLong();

  /** @param bean what the endpoint does on a message, after it has been recorded */
  public RecordingEndpointFactory(BankSessionListener bean) {
    this.bean = bean;
  }

  /** An endpoint that only records. */
  public RecordingEndpointFactory() {
    this(new BankSessionListener() {
      @Override
      public void onSessionState(String bankId, String sessionId, SessionState state) {}

      @Override
      public void onMessage(BankMessage message) {}

      @Override
      public void onMessages(List<BankMessage> messages) {}

      @Override
      public BankMessageHandler directHandler() {
        return null;
      }
    });
  }

  @Override
  public MessageEndpoint createEndpoint(XAResource resource) throws UnavailableException {
    int number = created.incrementAndGet();
    calls.add(number + " create");
    return (MessageEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {BankSessionListener.class, MessageEndpoint.class},
        (proxy, method, args) -> invoke(number, method, args));
  }

  @Override
  public MessageEndpoint createEndpoint(XAResource resource, long timeout)
      throws UnavailableException {
    return createEndpoint(resource);
  }

  private Object invoke(int number, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "beforeDelivery" -> calls.add(number + " before " + ((Method) args[0]).getName());
      case "afterDelivery" -> calls.add(number + " after");
      case "release" -> {
        calls.add(number + " release");
        released.incrementAndGet();
      }
      case "onMessage" -> {
        calls.add(number + " onMessage");
        messages.add((BankMessage) args[0]);
        return call(method, args);
      }
      case "onMessages" -> {
        @SuppressWarnings("unchecked")
        List<BankMessage> burst = (List<BankMessage>) args[0];
        calls.add(number + " onMessages " + burst.size());
        messages.addAll(burst);
        return call(method, args);
      }
      case "directHandler" -> {
        // Asked once per kept endpoint; recorded only when the bean offers one. What the handler
        // is given is recorded as the endpoint's calls are, marked "direct".
        BankMessageHandler handler = (BankMessageHandler) call(method, args);
        if (handler == null) {
          return null;
        }
        calls.add(number + " directHandler");
        return recording(number, handler);
      }
      case "onSessionState" -> {
        calls.add(number + " onSessionState");
        states.add(args[1] + " " + args[2]);
        return call(method, args);
      }
      case "hashCode" -> {
        return number;
      }
      case "equals" -> {
        return false;
      }
      case "toString" -> {
        return "endpoint " + number;
      }
      default -> throw new UnsupportedOperationException(method.getName());
    }
    return null;
  }

  private BankMessageHandler recording(int number, BankMessageHandler handler) {
    return new BankMessageHandler() {
      @Override
      public void onMessage(BankMessage message) {
        calls.add(number + " direct onMessage");
        messages.add(message);
        handler.onMessage(message);
      }

      @Override
      public void onMessages(List<BankMessage> burst) {
        calls.add(number + " direct onMessages " + burst.size());
        messages.addAll(burst);
        handler.onMessages(burst);
      }
    };
  }

  private Object call(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(bean, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public boolean isDeliveryTransacted(Method method) {
    return false;
  }

  @Override
  public String getActivationName() {
    return "test-endpoint";
  }

  @Override
  public Class<?> getEndpointClass() {
    return BankSessionListener.class;
  }
}

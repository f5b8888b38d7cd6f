package dev.baton.simulator.baseline;

import dev.baton.simulator.message.BankMessages;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jpos.core.Configurable;
import org.jpos.core.Configuration;
import org.jpos.core.ConfigurationException;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISORequestListener;
import org.jpos.iso.ISOResponseListener;
import org.jpos.iso.ISOSource;
import org.jpos.iso.MUX;
import org.jpos.q2.iso.QMUX;
import org.jpos.util.NameRegistrar;

/**
 * The request listener of a relay's QServer: answers 0800 itself and forwards every other request
 * through a QMUX, asynchronously, so a session thread never waits for an answer. The answer goes
 * back unchanged on the session the request came from; when none comes within the timeout, or
 * the next hop is not connected, the relay declines with RC 91.
 *
 * <p>Deployed by Q2 from a descriptor written by {@link RelayDescriptors}, with two properties:
 * {@code routes}, {@code *=mux} or BIN prefixes to QMUX names ({@code 4=r3-issuer-4,5=...}), and
 * {@code timeout} in milliseconds.
 */
public final class RelayListener implements ISORequestListener, ISOResponseListener, Configurable {

  private static final System.Logger LOG = System.getLogger(RelayListener.class.getName());
  static final String ANY_CARD = "*";
  static final String ISSUER_UNAVAILABLE = "91";
  static final String NO_SUCH_ISSUER = "15";
  static final String DUPLICATE = "94";

  /** Longest BIN prefix first, so {@code 45} wins over {@code 4}. */
  private final List<Map.Entry<String, String>> routes = new ArrayList<>();
  private final Map<String, MUX> muxes = new ConcurrentHashMap<>();
  private long timeoutMillis;

  @Override
  public void setConfiguration(Configuration cfg) throws ConfigurationException {
    String text = cfg.get("routes", "");
    for (String route : text.split(",")) {
      int equals = route.indexOf('=');
      if (equals <= 0) {
        throw new ConfigurationException("route '" + route + "' is not BIN=mux or *=mux");
      }
      routes.add(Map.entry(route.substring(0, equals).trim(), route.substring(equals + 1).trim()));
    }
    routes.sort(Comparator.comparing((Map.Entry<String, String> r) -> r.getKey().length())
        .reversed());
    timeoutMillis = cfg.getLong("timeout", 5_000);
  }

  @Override
  public boolean process(ISOSource source, ISOMsg message) {
    try {
      if (message.isResponse()) {
        // Not ours: on an issuer-facing server the next listener puts it where its QMUX waits.
        return false;
      }
      if ("0800".equals(message.getMTI())) {
        reply(source, message, BankMessages.APPROVED);
        return true;
      }
      forward(source, message);
    } catch (ISOException e) {
      LOG.log(Level.WARNING, "relay cannot read a message: {0}", e.getMessage());
    }
    return true;
  }

  @Override
  public void responseReceived(ISOMsg answer, Object handBack) {
    Forwarded forwarded = (Forwarded) handBack;
    try {
      forwarded.source().send(answer);
    } catch (IOException | ISOException e) {
      LOG.log(Level.DEBUG, "relay answer not sent back: {0}", e.getMessage());
    }
  }

  @Override
  public void expired(Object handBack) {
    Forwarded forwarded = (Forwarded) handBack;
    reply(forwarded.source(), forwarded.request(), ISSUER_UNAVAILABLE);
  }

  private void forward(ISOSource source, ISOMsg request) throws ISOException {
    String muxName = route(request.getString(2));
    if (muxName == null) {
      reply(source, request, NO_SUCH_ISSUER);
      return;
    }
    MUX mux = mux(muxName);
    if (mux == null || !mux.isConnected()) {
      reply(source, request, ISSUER_UNAVAILABLE);
      return;
    }
    try {
      // QMUX keys the request by 41 and 11 and keeps the object it was given: send a copy, so
      // the decline on timeout is built from the untouched original.
      mux.request((ISOMsg) request.clone(), timeoutMillis, this, new Forwarded(source, request));
    } catch (ISOException e) {
      // "Duplicate key": the same terminal and STAN are already waiting for an answer.
      reply(source, request, DUPLICATE);
    }
  }

  private String route(String pan) {
    for (Map.Entry<String, String> route : routes) {
      if (ANY_CARD.equals(route.getKey()) || (pan != null && pan.startsWith(route.getKey()))) {
        return route.getValue();
      }
    }
    return null;
  }

  private MUX mux(String name) {
    MUX known = muxes.get(name);
    if (known != null) {
      return known;
    }
    try {
      MUX found = QMUX.getMUX(name);
      muxes.put(name, found);
      return found;
    } catch (NameRegistrar.NotFoundException e) {
      // Q2 has not deployed it yet; decline until it has.
      return null;
    }
  }

  private static void reply(ISOSource source, ISOMsg request, String responseCode) {
    try {
      source.send(BankMessages.answer(request, responseCode));
    } catch (IOException | ISOException e) {
      LOG.log(Level.DEBUG, "relay answer not sent: {0}", e.getMessage());
    }
  }

  /** A request waiting for its answer, and the session to send that answer on. */
  private record Forwarded(ISOSource source, ISOMsg request) {}
}

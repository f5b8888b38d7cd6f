package dev.baton.simulator.baseline;

import dev.baton.simulator.message.BankMessages;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.EventObject;
import org.jpos.core.Configurable;
import org.jpos.core.Configuration;
import org.jpos.core.ConfigurationException;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISORequestListener;
import org.jpos.iso.ISOServerClientDisconnectEvent;
import org.jpos.iso.ISOServerEventListener;
import org.jpos.iso.ISOSource;
import org.jpos.space.Space;
import org.jpos.space.SpaceFactory;
import org.jpos.space.SpaceUtil;

/**
 * On the QServer an issuer dials into: answers the issuer's 0800 and keeps a ready entry in the
 * space while the issuer is signed on, which the issuer's QMUX names as its {@code ready}
 * indicator. So requests are declined at once with RC 91, not sent, while no issuer is signed on,
 * as the contract asks of the switch. Everything else (the issuer's answers) is left to the next
 * listener, the QServer itself, which hands it to the QMUX through its {@code out} queue.
 *
 * <p>Declared twice on the QServer, as {@code request-listener} and {@code connection-listener},
 * with properties {@code space} and {@code ready}.
 */
public final class IssuerSessionGate
    implements ISORequestListener, ISOServerEventListener, Configurable {

  private static final System.Logger LOG = System.getLogger(IssuerSessionGate.class.getName());

  private Space<String, Object> space;
  private String readyKey;

  @Override
  @SuppressWarnings("unchecked")
  public void setConfiguration(Configuration cfg) throws ConfigurationException {
    space = (Space<String, Object>) SpaceFactory.getSpace(cfg.get("space", ""));
    readyKey = cfg.get("ready", null);
    if (readyKey == null) {
      throw new ConfigurationException("property 'ready' is required");
    }
  }

  @Override
  public boolean process(ISOSource source, ISOMsg message) {
    try {
      if (!"0800".equals(message.getMTI())) {
        return false;
      }
      switch (message.getString(70)) {
        case BankMessages.SIGN_ON -> space.put(readyKey, Instant.now());
        case BankMessages.SIGN_OFF -> SpaceUtil.wipe(space, readyKey);
        case null, default -> {
          // an echo: answered, changes nothing
        }
      }
      source.send(BankMessages.answer(message, BankMessages.APPROVED));
    } catch (IOException | ISOException e) {
      LOG.log(Level.WARNING, "relay cannot answer an issuer's 0800: {0}", e.getMessage());
    }
    return true;
  }

  @Override
  public void handleISOServerEvent(EventObject event) {
    if (event instanceof ISOServerClientDisconnectEvent) {
      SpaceUtil.wipe(space, readyKey);
    }
  }
}

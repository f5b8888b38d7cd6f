package dev.baton.connector.testkit;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Timer;

/** What the server hands the adapter at start, with a test WorkManager. */
public record TestBootstrapContext(WorkManager workManager) implements BootstrapContext {

  @Override
  public WorkManager getWorkManager() {
    return workManager;
  }

  @Override
  public XATerminator getXATerminator() {
    return null;
  }

  @Override
  public Timer createTimer() {
    return new Timer(true);
  }

  @Override
  public boolean isContextSupported(Class<? extends WorkContext> workContextClass) {
    return false;
  }

  @Override
  public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
    return null;
  }
}

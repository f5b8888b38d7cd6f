package dev.baton.connector.adapter;

import dev.baton.connector.api.BankSessionListener;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

/** How a message-driven bean says which banks' sessions it listens to. */
@Activation(messageListeners = BankSessionListener.class)
public class BankSessionActivationSpec implements ActivationSpec {

  private ResourceAdapter resourceAdapter;

  @ConfigProperty(
      description = "Banks whose sessions this endpoint receives: '*' for all, or ids separated by commas",
      defaultValue = "*")
  private String banks = "*";

  public String getBanks() {
    return banks;
  }

  public void setBanks(String banks) {
    this.banks = banks;
  }

  @Override
  public void validate() throws InvalidPropertyException {
    if (banks == null || banks.isBlank()) {
      throw new InvalidPropertyException("banks must be '*' or a list of bank ids");
    }
  }

  @Override
  public ResourceAdapter getResourceAdapter() {
    return resourceAdapter;
  }

  @Override
  public void setResourceAdapter(ResourceAdapter resourceAdapter) {
    this.resourceAdapter = resourceAdapter;
  }
}

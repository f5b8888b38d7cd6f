package dev.baton.connector.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AllowedSourcesTest {

  @Test
  void matchesAddressesInsideTheBlocks() throws Exception {
    AllowedSources sources = AllowedSources.parse("10.1.0.0/16, 192.168.7.9, 172.16.0.0/12, ::1/128");

    assertTrue(sources.permits(InetAddress.getByName("10.1.200.3")));
    assertTrue(sources.permits(InetAddress.getByName("192.168.7.9")));
    assertTrue(sources.permits(InetAddress.getByName("172.31.255.255")));
    assertTrue(sources.permits(InetAddress.getByName("::1")));
    assertFalse(sources.permits(InetAddress.getByName("10.2.0.1")));
    assertFalse(sources.permits(InetAddress.getByName("192.168.7.10")));
    assertFalse(sources.permits(InetAddress.getByName("172.32.0.0")));
    assertFalse(sources.permits(InetAddress.getByName("127.0.0.1")));
  }

  @Test
  void anyAllowsEveryAddress() throws Exception {
    assertTrue(AllowedSources.any().permits(InetAddress.getByName("203.0.113.5")));
    assertTrue(AllowedSources.any().permits(InetAddress.getByName("2001:db8::1")));
  }

  @Test
  void refusesWhatIsNotABlock() {
    assertThrows(IllegalArgumentException.class, () -> AllowedSources.parse(""));
    assertThrows(IllegalArgumentException.class, () -> AllowedSources.parse("bank.example.com"));
    assertThrows(IllegalArgumentException.class, () -> AllowedSources.parse("10.0.0.0/33"));
    assertThrows(IllegalArgumentException.class, () -> AllowedSources.parse("10.0.0.0/x"));
  }
}

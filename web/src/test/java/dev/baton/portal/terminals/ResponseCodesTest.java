package dev.baton.portal.terminals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResponseCodesTest {

  @Test
  void namesTheCommonCodesAndShowsOthersAsTheyAre() {
    assertEquals("00 approved", ResponseCodes.describe("00"));
    assertEquals("91 issuer or switch inoperative", ResponseCodes.describe("91"));
    assertEquals("Z3", ResponseCodes.describe("Z3"));
    assertEquals("no response code", ResponseCodes.describe(null));
  }
}

package dev.baton.connector.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Optional;
import org.jpos.iso.ISOBitMap;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

class AnswersTest {

  @Test
  void answersARequestWithItsResponseMtiAndKeyFields() throws Exception {
    ISOMsg request = new ISOMsg("0100");
    request.set(4, "000000001000");
    request.set(11, "000123");
    request.set(37, "RRN000000001");
    request.set(41, "TERM0001");
    request.set(48, "not echoed");

    ISOMsg response = Answers.respond(request, "91");

    assertEquals("0110", response.getMTI());
    assertEquals("000123", response.getString(11));
    assertEquals("RRN000000001", response.getString(37));
    assertEquals("TERM0001", response.getString(41));
    assertEquals("91", response.getString(39));
    assertFalse(response.hasField(48));
  }

  @Test
  void answersAPartialFrameWhoseKeyFieldsWereRead() throws Exception {
    ISOMsg partial = partialWithBitmap("0200", 11, 37, 41, 48);
    partial.set(11, "000001");
    partial.set(37, "RRN000000001");
    partial.set(41, "TERM0001");

    Optional<ISOMsg> answer = Answers.formatError(partial);

    assertTrue(answer.isPresent());
    assertEquals("0210", answer.get().getMTI());
    assertEquals("30", answer.get().getString(39));
  }

  @Test
  void dropsAPartialFrameMissingAnAnnouncedKeyField() throws Exception {
    ISOMsg partial = partialWithBitmap("0200", 11, 37, 41);
    partial.set(11, "000001");
    assertTrue(Answers.formatError(partial).isEmpty());
  }

  @Test
  void dropsPartialFramesWithoutBitmapOrWithAResponseMti() throws Exception {
    assertTrue(Answers.formatError(new ISOMsg("0100")).isEmpty());
    assertTrue(Answers.formatError(partialWithBitmap("0110", 11)).isEmpty());
    assertTrue(Answers.formatError(new ISOMsg()).isEmpty());
    assertTrue(Answers.formatError(partialWithBitmap("01A0", 11)).isEmpty());
  }

  @Test
  void recognisesTheNetworkManagementTheAdapterAnswers() throws Exception {
    assertEquals(Optional.of(NetworkManagement.Request.SIGN_ON), NetworkManagement.requestOf(network("0800", "001")));
    assertEquals(Optional.of(NetworkManagement.Request.SIGN_OFF), NetworkManagement.requestOf(network("0800", "002")));
    assertEquals(Optional.of(NetworkManagement.Request.ECHO), NetworkManagement.requestOf(network("0800", "301")));
    assertTrue(NetworkManagement.requestOf(network("0800", "161")).isEmpty());
    assertTrue(NetworkManagement.requestOf(network("0810", "001")).isEmpty());
    assertTrue(NetworkManagement.isEchoAnswer(network("0810", "301")));
  }

  private static ISOMsg network(String mti, String code) throws Exception {
    ISOMsg message = new ISOMsg(mti);
    message.set(11, "000001");
    message.set(70, code);
    return message;
  }

  private static ISOMsg partialWithBitmap(String mti, int... fields) throws Exception {
    ISOMsg partial = new ISOMsg(mti);
    BitSet bits = new BitSet();
    for (int field : fields) {
      bits.set(field);
    }
    partial.set(new ISOBitMap(-1, bits));
    return partial;
  }
}

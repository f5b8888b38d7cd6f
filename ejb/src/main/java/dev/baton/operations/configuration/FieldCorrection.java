package dev.baton.operations.configuration;

/**
 * A field correction rule (table {@code field_correction}).
 *
 * @param id its number, null for a new rule
 * @param bankId the bank whose messages it changes
 * @param direction INBOUND (before processing) or OUTBOUND (before sending)
 * @param position rules apply in ascending position
 * @param action SET, COPY, STRIP or PAD
 * @param field the field changed, 2 to 128
 * @param value the value SET writes
 * @param fromField the field COPY reads
 * @param padSide LEFT or RIGHT, for PAD
 * @param padChar the character PAD adds
 * @param padLength the length PAD pads to
 * @param enabled whether it applies
 */
public record FieldCorrection(
    Long id,
    String bankId,
    String direction,
    int position,
    String action,
    int field,
    String value,
    Integer fromField,
    String padSide,
    String padChar,
    Integer padLength,
    boolean enabled) {}

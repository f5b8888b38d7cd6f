package dev.baton.api;

/** A request the API cannot take as sent; the message says what is wrong with it. */
final class BadRequest extends RuntimeException {

  BadRequest(String message) {
    super(message);
  }
}

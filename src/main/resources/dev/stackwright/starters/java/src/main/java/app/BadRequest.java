package app;

/** A request the service cannot take: answered 400 with the message. */
final class BadRequest extends RuntimeException {
    BadRequest(String message) {
        super(message);
    }
}

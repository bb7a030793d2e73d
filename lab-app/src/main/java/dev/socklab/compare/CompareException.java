package dev.socklab.compare;

/** A comparison that cannot be made from the evidence given: the message says what is missing. */
public final class CompareException extends RuntimeException {
    public CompareException(String message) {
        super(message);
    }
}

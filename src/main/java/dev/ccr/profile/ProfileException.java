package dev.ccr.profile;

/** A profile operation that cannot be done, with a message saying why and what to do instead. */
public final class ProfileException extends RuntimeException {
    public ProfileException(String message) {
        super(message);
    }
}

package dev.ccr.preset;

/** A preset cannot be installed, exported or run as asked; the message says what to do instead. */
public final class PresetException extends RuntimeException {
    public PresetException(String message) {
        super(message);
    }
}

package dev.socklab.cli;

/** A failure the user can act on: its message is printed as one line, without a stack trace. */
public class LabException extends RuntimeException {
    private final int exitCode;

    public LabException(String message) {
        this(message, 1);
    }

    public LabException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = 1;
    }

    public int exitCode() {
        return exitCode;
    }
}

package dev.socklab.lab;

/** Why the lab could not do what was asked, in one line for the user (the cli prints it, never a trace). */
public final class LabFailure extends RuntimeException {
    public LabFailure(String message) {
        super(message);
    }
}

package dev.socklab.check;

/** The outcome of one check: passed, failed, or only worth knowing (not right or wrong). */
public enum Verdict {
    PASS, FAIL, INFO;

    public String label() {
        return name().toLowerCase();
    }
}

package dev.socklab.report;

/** The report's limits in one place: how much of a conversation a ladder shows, and how many ladders a report draws. */
public final class Defaults {
    /** Arrows kept from the start of a conversation: the handshake and the first exchanges. */
    public static final int HEAD_ROWS = 12;
    /** Arrows kept from the end: the last data and the teardown. Everything between is folded and counted. */
    public static final int TAIL_ROWS = 8;
    /** Conversations drawn per capture; a port scan would otherwise make a report nobody can open. */
    public static final int MAX_DIAGRAMS = 100;

    private Defaults() {
    }
}

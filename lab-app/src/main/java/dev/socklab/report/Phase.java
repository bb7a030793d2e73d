package dev.socklab.report;

/** What a packet does in its conversation, which decides its colour in a ladder diagram. */
public enum Phase {
    HANDSHAKE("handshake (SYN, SYN-ACK, ACK)"),
    DATA("data"),
    ACK("acknowledgement only"),
    TEARDOWN("teardown (FIN and its ACK)"),
    RESET("reset (RST)"),
    DATAGRAM("UDP datagram");

    private final String legend;

    Phase(String legend) {
        this.legend = legend;
    }

    /** What the colour means, for legends. */
    public String legend() {
        return legend;
    }
}

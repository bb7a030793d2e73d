package dev.socklab.pcap;

/** Which end of a TCP connection sent a segment: the client is the one that sent the first SYN. */
public enum Side {
    CLIENT, SERVER;

    public Side other() {
        return this == CLIENT ? SERVER : CLIENT;
    }

    /** The direction of the segments this side sends: {@code client→server} or {@code server→client}. */
    public String direction() {
        return this == CLIENT ? "client→server" : "server→client";
    }

    public String label() {
        return name().toLowerCase();
    }
}

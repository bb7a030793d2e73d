package dev.socklab.pcap;

import java.util.Optional;

/** The link-layer header type of a capture (tcpdump's LINKTYPE_* numbers): what precedes the IP header. */
public enum LinkType {
    ETHERNET(1, "Ethernet"),
    /** IEEE 802.5: Wireshark's randpkt writes its TCP packets this way. */
    TOKEN_RING(6, "Token Ring"),
    RAW(101, "raw IP"),
    LINUX_SLL(113, "Linux cooked v1"),
    IPV4(228, "raw IPv4"),
    IPV6(229, "raw IPv6"),
    LINUX_SLL2(276, "Linux cooked v2");

    private final int code;
    private final String label;

    LinkType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The LINKTYPE_* number written in capture files. */
    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** For messages about a link type the analyzer cannot decode. */
    public static final String SUPPORTED = "supported: Ethernet, Linux cooked v1/v2, raw IP, Token Ring";

    /** The link type for a LINKTYPE_* number, empty when the analyzer cannot decode it. */
    public static Optional<LinkType> of(int code) {
        for (LinkType t : values()) {
            if (t.code == code) return Optional.of(t);
        }
        return Optional.empty();
    }
}

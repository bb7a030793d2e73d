package dev.socklab.pcap;

import java.util.Locale;

/**
 * A header length that cannot be right: a length field that runs past the frame, or a header length
 * smaller than the header itself. Wireshark's expert info flags the same packets; each kind follows
 * Wireshark's rule for whether the packet still counts in its conversation ({@link Kind#counted()}).
 *
 * @param value the length field as sent
 * @param limit what it is measured against (the bytes the frame holds, the IP payload, the minimum)
 */
public record Malformation(Kind kind, int value, int limit) {

    /** The packet's headers are impossible ({@link #MALFORMED}), or the packet claims more bytes than its frame has. */
    public enum Group {
        MALFORMED("malformed"),
        TRUNCATED("truncated");

        private final String label;

        Group(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What is wrong, worded after Wireshark's expert info; the format takes the value, then the limit. */
    public enum Kind {
        IP_HEADER_CUT(Group.MALFORMED, false, "IP header cut short",
                "IP header of %d bytes in a frame of %d from there"),
        IPV4_HEADER_LENGTH(Group.MALFORMED, false, "IPv4 header length below 20",
                "IPv4 header length %d below %d"),
        IPV4_TOTAL_LENGTH_BELOW_HEADER(Group.MALFORMED, false, "IPv4 total length below its header length",
                "IPv4 total length %d below the header's %d bytes"),
        IPV4_TOTAL_LENGTH_PAST_FRAME(Group.TRUNCATED, true, "IPv4 total length past the frame",
                "IPv4 total length %d past the frame's %d bytes"),
        IPV6_PAYLOAD_LENGTH_PAST_FRAME(Group.TRUNCATED, true, "IPv6 payload length past the frame",
                "IPv6 payload length %d past the frame's %d bytes"),
        IPV6_EXTENSIONS_PAST_PAYLOAD(Group.MALFORMED, false, "IPv6 extension headers past the payload",
                "IPv6 extension headers end at byte %d of a %d-byte payload"),
        UDP_LENGTH_BELOW_HEADER(Group.MALFORMED, false, "UDP length below its header",
                "UDP length %d below the %d-byte header"),
        UDP_LENGTH_PAST_PAYLOAD(Group.MALFORMED, true, "UDP length past the IP payload",
                "UDP length %d past the IP payload's %d bytes"),
        UDP_ZERO_LENGTH_SHORT_PAYLOAD(Group.MALFORMED, true, "UDP length 0 (jumbogram) on a short payload",
                "UDP length %d (a jumbogram's) on an IP payload of %d bytes"),
        UDP_HEADER_CUT(Group.MALFORMED, false, "UDP header cut short",
                "UDP header of %d bytes in an IP payload of %d"),
        UDP_LITE_COVERAGE(Group.MALFORMED, true, "UDP-Lite checksum coverage below 8 or past the IP payload",
                "UDP-Lite checksum coverage %d outside 8..%d (the IP payload)"),
        TCP_HEADER_CUT(Group.MALFORMED, false, "TCP header cut short",
                "TCP header of %d bytes in an IP payload of %d"),
        TCP_HEADER_LENGTH_BELOW_MINIMUM(Group.MALFORMED, false, "TCP data offset below 20",
                "TCP data offset %d bytes below %d"),
        TCP_HEADER_PAST_PAYLOAD(Group.MALFORMED, false, "TCP data offset past the IP payload",
                "TCP data offset %d bytes past the IP payload's %d");

        private final Group group;
        private final boolean counted;
        private final String title;
        private final String format;

        Kind(Group group, boolean counted, String title, String format) {
            this.group = group;
            this.counted = counted;
            this.title = title;
            this.format = format;
        }

        public Group group() {
            return group;
        }

        /**
         * True when the packet still counts in its TCP connection or UDP flow, as in Wireshark's conversation
         * statistics ({@code tshark -z conv,tcp}, {@code -z conv,udp}); false when the header is dropped.
         */
        public boolean counted() {
            return counted;
        }

        /** The kind in a few words, without numbers: "UDP length past the IP payload". */
        public String title() {
            return title;
        }

        /** A stable name for JSON: {@code udp-length-past-payload}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** One line, with the numbers: "UDP length 132 past the IP payload's 20 bytes". */
    public String describe() {
        return String.format(Locale.ROOT, kind.format, value, limit);
    }
}

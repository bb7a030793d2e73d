package dev.socklab.pcap;

import java.util.OptionalInt;

/** Finds where the IP header starts behind each link-layer header; frames that carry no IP are skipped. */
final class LinkLayer {
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    // 802.1Q, 802.1ad (QinQ outer tag) and the old pre-standard QinQ type: each adds 4 bytes.
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    private static final int MAX_VLAN_TAGS = 8;
    private static final int TOKEN_RING_LLC_FRAME = 0x40;
    private static final int LLC_SNAP = 0xAA;
    private static final int LLC_UNNUMBERED_INFORMATION = 0x03;

    private LinkLayer() {
    }

    /** Offset of the IPv4/IPv6 header in the frame, or empty when the frame carries something else. */
    static OptionalInt ipOffset(LinkType type, NetworkBytes b) {
        return switch (type) {
            case ETHERNET -> ethernet(b);
            // SLL: packet type, ARPHRD type, address length, 8 address bytes, then the protocol (16 bytes).
            case LINUX_SLL -> b.has(0, 16) ? ipIfEtherType(b.u16(14), 16) : OptionalInt.empty();
            // SLL2 puts the protocol first, then interface index and the rest (20 bytes).
            case LINUX_SLL2 -> b.has(0, 20) ? ipIfEtherType(b.u16(0), 20) : OptionalInt.empty();
            case TOKEN_RING -> tokenRing(b);
            case RAW, IPV4, IPV6 -> OptionalInt.of(0);
        };
    }

    private static OptionalInt ethernet(NetworkBytes b) {
        if (!b.has(0, 14)) return OptionalInt.empty();
        int offset = 12;
        int type = b.u16(offset);
        for (int tags = 0; isVlanTag(type) && tags < MAX_VLAN_TAGS; tags++) {
            offset += 4;
            if (!b.has(offset, 2)) return OptionalInt.empty();
            type = b.u16(offset);
        }
        return ipIfEtherType(type, offset + 2);
    }

    /**
     * Access control, frame control, two addresses, an optional source route, then IP only behind an
     * LLC SNAP header (AA AA 03, an OUI, the EtherType).
     */
    private static OptionalInt tokenRing(NetworkBytes b) {
        if (!b.has(0, 14) || (b.u8(1) & 0xC0) != TOKEN_RING_LLC_FRAME) return OptionalInt.empty();
        int offset = 14;
        // The source address's top bit says a routing information field follows; its length is in its first byte.
        if ((b.u8(8) & 0x80) != 0) {
            if (!b.has(offset, 1)) return OptionalInt.empty();
            offset += b.u8(offset) & 0x1F;
        }
        if (!b.has(offset, 8) || b.u8(offset) != LLC_SNAP || b.u8(offset + 1) != LLC_SNAP
                || b.u8(offset + 2) != LLC_UNNUMBERED_INFORMATION) {
            return OptionalInt.empty();
        }
        return ipIfEtherType(b.u16(offset + 6), offset + 8);
    }

    private static boolean isVlanTag(int etherType) {
        return etherType == ETHERTYPE_VLAN || etherType == ETHERTYPE_QINQ || etherType == ETHERTYPE_QINQ_OLD;
    }

    private static OptionalInt ipIfEtherType(int etherType, int offset) {
        return etherType == ETHERTYPE_IPV4 || etherType == ETHERTYPE_IPV6 ? OptionalInt.of(offset) : OptionalInt.empty();
    }
}

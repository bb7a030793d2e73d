package dev.socklab.pcap;

import java.util.StringJoiner;

/** The control bits of a TCP header, printed the way people say them: {@code SYN,ACK}. */
public record TcpFlags(int bits) {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    private static final String[] NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
    // Print in the order Wireshark and textbooks use, SYN before ACK before FIN.
    private static final int[] PRINT_ORDER = {SYN, RST, PSH, ACK, FIN, URG, ECE, CWR};

    public boolean fin() {
        return (bits & FIN) != 0;
    }

    public boolean syn() {
        return (bits & SYN) != 0;
    }

    public boolean rst() {
        return (bits & RST) != 0;
    }

    public boolean psh() {
        return (bits & PSH) != 0;
    }

    public boolean ack() {
        return (bits & ACK) != 0;
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(",");
        for (int bit : PRINT_ORDER) {
            if ((bits & bit) != 0) j.add(NAMES[Integer.numberOfTrailingZeros(bit)]);
        }
        return j.length() == 0 ? "none" : j.toString();
    }
}

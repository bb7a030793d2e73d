package dev.socklab.udp;

/** An inclusive range of numbers to send, written "1..100". */
public record Sequence(long from, long to) {
    public Sequence {
        if (from < 0 || to < from) throw new IllegalArgumentException("range must be FROM..TO with 0 <= FROM <= TO");
    }

    public static Sequence parse(String text) {
        String[] parts = text.strip().split("\\.\\.", -1);
        if (parts.length != 2) throw new IllegalArgumentException("'" + text + "' is not a range like 1..100");
        try {
            return new Sequence(Long.parseLong(parts[0].strip()), Long.parseLong(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a range like 1..100");
        }
    }

    @Override
    public String toString() {
        return from + ".." + to;
    }
}

package dev.socklab.pcap;

import java.io.IOException;

/**
 * The input is not a capture we can read, or is corrupt. Carries how far reading got, so a caller
 * can say "after 1,234 packets" instead of just "failed".
 */
public class CaptureFormatException extends IOException {
    private final long framesRead;
    private final long offset;

    public CaptureFormatException(String message, long framesRead, long offset) {
        super(message);
        this.framesRead = framesRead;
        this.offset = offset;
    }

    /** Complete frames read before the problem. */
    public long framesRead() {
        return framesRead;
    }

    /** Byte offset in the file where the problem was found. */
    public long offset() {
        return offset;
    }
}

package dev.socklab.pcap;

/**
 * The capture ends in the middle of a header or a frame: typically tcpdump was killed before it
 * flushed. Everything up to {@link #framesRead()} frames was fine.
 */
public class TruncatedCaptureException extends CaptureFormatException {

    public TruncatedCaptureException(String message, long framesRead, long offset) {
        super(message, framesRead, offset);
    }
}

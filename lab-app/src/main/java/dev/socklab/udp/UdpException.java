package dev.socklab.udp;

import java.io.IOException;

/** A UDP setup or transfer failure whose message is already a complete sentence for the user. */
public class UdpException extends IOException {
    public UdpException(String message) {
        super(message);
    }

    public UdpException(String message, Throwable cause) {
        super(message, cause);
    }
}

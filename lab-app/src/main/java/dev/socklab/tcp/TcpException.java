package dev.socklab.tcp;

import java.io.IOException;

/** A transfer or setup failure whose message is already a complete sentence for the user. */
public class TcpException extends IOException {
    public TcpException(String message) {
        super(message);
    }

    public TcpException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.socklab.tcp;

/** The peer sent something that is not a valid line of the socklab protocol: the only thing parsing ever throws. */
public final class ProtocolException extends TcpException {
    public ProtocolException(String message) {
        super(message);
    }
}

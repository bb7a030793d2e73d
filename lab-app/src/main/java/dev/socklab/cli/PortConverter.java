package dev.socklab.cli;

import picocli.CommandLine;

/** Parses a TCP/UDP port, 0..65535; anything else is a usage error (exit 2), not a runtime failure. */
final class PortConverter implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        int port;
        try {
            port = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a port number (0..65535)");
        }
        if (port < 0 || port > 65535) {
            throw new CommandLine.TypeConversionException("port " + port + " is out of range (0..65535)");
        }
        return port;
    }
}

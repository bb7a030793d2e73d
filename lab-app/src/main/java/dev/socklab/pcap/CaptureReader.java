package dev.socklab.pcap;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a capture file, choosing the reader for its format from the magic number at its start:
 * classic pcap (tcpdump) or pcapng (Wireshark, dumpcap).
 */
public final class CaptureReader {
    /** Large enough that reading record by record costs few system calls, small enough to not matter. */
    private static final int BUFFER_SIZE = 1 << 16;

    private CaptureReader() {
    }

    /** Opens {@code file} for streaming; the caller closes the returned source. */
    public static PacketSource open(Path file) throws IOException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return open(Files.newInputStream(file), name);
    }

    /** Reads a capture from a stream (which the returned source owns and closes). */
    public static PacketSource open(InputStream input, String name) throws IOException {
        InputStream in = new BufferedInputStream(input, BUFFER_SIZE);
        try {
            byte[] magic = in.readNBytes(4);
            if (magic.length < 4) {
                throw new CaptureFormatException(name + " is not a pcap capture: "
                        + (magic.length == 0 ? "the file is empty" : "only " + magic.length + " bytes"), 0, 0);
            }
            int bigEndian = ((magic[0] & 0xFF) << 24) | ((magic[1] & 0xFF) << 16) | ((magic[2] & 0xFF) << 8) | (magic[3] & 0xFF);
            if (ClassicPcapReader.recognizes(bigEndian)) {
                return new ClassicPcapReader(in, name, bigEndian);
            }
            if (bigEndian == PcapngReader.SECTION_HEADER) {
                return new PcapngReader(in, name);
            }
            throw new CaptureFormatException(String.format(
                    "%s is not a pcap capture (its first bytes are %02x %02x %02x %02x)",
                    name, magic[0], magic[1], magic[2], magic[3]), 0, 0);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}

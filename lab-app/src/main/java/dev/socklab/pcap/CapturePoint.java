package dev.socklab.pcap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where frames were seen: a whole capture file, or one capture point of a merged pcapng (the interface of that
 * if_name, e.g. {@code client} or {@code server}). Frames keep their numbers in the file, as Wireshark shows them.
 *
 * @param interfaceName the point's if_name; null for the whole file
 */
public record CapturePoint(Path file, String interfaceName) {

    public static CapturePoint whole(Path file) {
        return new CapturePoint(file, null);
    }

    /**
     * The points of a file: one per named interface of a pcapng that names two or more (as {@link CaptureMerge}
     * writes them, before the first packet); otherwise the whole file.
     */
    public static List<CapturePoint> of(Path file) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        try (PacketSource s = CaptureReader.open(file)) {
            if (s instanceof PcapngReader r) {
                try {
                    r.next();
                } catch (TruncatedCaptureException e) {
                    // the interfaces are described before it; the analysis reports the truncation
                }
                r.interfaceNames().stream().filter(n -> !n.isEmpty()).forEach(names::add);
            }
        }
        if (names.size() < 2) return List.of(whole(file));
        return names.stream().map(n -> new CapturePoint(file, n)).toList();
    }

    /** The file's name, and the point's in brackets: "merged.pcapng [client]". */
    public String label() {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return interfaceName == null ? name : name + " [" + interfaceName + "]";
    }

    /** Streams this point's frames (the caller closes the source). */
    public PacketSource open() throws IOException {
        PacketSource all = CaptureReader.open(file);
        return interfaceName == null ? all : new OnePoint(all, interfaceName, label());
    }

    /** A merged file's frames of one interface; framesRead counts that point's frames only. */
    private static final class OnePoint implements PacketSource {
        private final PacketSource all;
        private final String interfaceName;
        private final String label;
        private long frames;

        OnePoint(PacketSource all, String interfaceName, String label) {
            this.all = all;
            this.interfaceName = interfaceName;
            this.label = label;
        }

        @Override
        public Optional<Frame> next() throws IOException {
            while (true) {
                Optional<Frame> f = all.next();
                if (f.isEmpty() || f.get().interfaceName().equals(interfaceName)) {
                    f.ifPresent(x -> frames++);
                    return f;
                }
            }
        }

        @Override
        public long framesRead() {
            return frames;
        }

        @Override
        public String name() {
            return label;
        }

        @Override
        public void close() throws IOException {
            all.close();
        }
    }
}

package dev.socklab.cli;

import dev.socklab.pcap.CaptureReader;
import dev.socklab.pcap.Frame;
import dev.socklab.pcap.LinkType;
import dev.socklab.pcap.PacketSource;
import dev.socklab.pcap.WireRecorder;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.FileInputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lab-app record}: one capture point of a running lab, recorded for the lab's whole life, bounded. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Records one capture point for a lab's whole life, bounded: each flow's first bytes whole, the headers of its"
                + " later frames, files (POINT-TIME.pcapng in DIR) rotated with a size cap.",
                "It reads tcpdump's pcap (--pcap, a FIFO tcpdump -w writes) and its messages (--log): the counts tcpdump prints"
                + " on SIGUSR1 go into the file as the capture's own drops. The lab's capture services run it (lab-capture)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the capture ended (the lab was taken down)", "1:the stream is not a capture, or the folder cannot be written",
                "2:bad command line"})
final class RecordCommand implements Callable<Integer> {
    /** What tcpdump prints on SIGUSR1 (and as it exits, over three lines: read one way). */
    private static final Pattern STATS = Pattern.compile(
            "(\\d+) packets? captured, (\\d+) packets? received by filter, (\\d+) packets? dropped by kernel");

    @Spec
    CommandSpec spec;

    @Option(names = "--point", required = true, paramLabel = "NAME", description = "the capture point's name (client, server, ...)")
    String point;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "the folder of the recording")
    Path dir;

    @Option(names = "--pcap", required = true, paramLabel = "PATH", description = "the capture as tcpdump -w writes it (a FIFO, or a file)")
    Path pcap;

    @Option(names = "--log", paramLabel = "PATH", description = "tcpdump's messages (its standard error): passed on, its counts recorded")
    Path log;

    @Option(names = "--whole", paramLabel = "SIZE", converter = ByteSizeConverter.class, defaultValue = "64KiB",
            description = "each flow's first SIZE of long frames kept whole (default: ${DEFAULT-VALUE})")
    long whole;

    @Option(names = "--snap", paramLabel = "BYTES", defaultValue = "160",
            description = "later frames cut to their first BYTES: every header (default: ${DEFAULT-VALUE})")
    int snap;

    @Option(names = "--file-size", paramLabel = "SIZE", converter = ByteSizeConverter.class, defaultValue = "16MiB",
            description = "a new file past SIZE (default: ${DEFAULT-VALUE})")
    long fileSize;

    @Option(names = "--files", paramLabel = "N", defaultValue = "8",
            description = "the newest N files of the point kept, the oldest deleted (default: ${DEFAULT-VALUE})")
    int files;

    @Override
    public Integer call() throws Exception {
        WireRecorder.Bounds bounds;
        try {
            bounds = new WireRecorder.Bounds(whole, snap, fileSize, files);
        } catch (IllegalArgumentException e) {
            throw new LabException(e.getMessage(), 2);
        }
        PrintWriter err = spec.commandLine().getErr();
        BufferedInputStream in;
        try {
            in = new BufferedInputStream(new FileInputStream(pcap.toFile()), 1 << 16);   // a FIFO: waits here for tcpdump to open it
        } catch (IOException e) {
            throw new LabException("cannot read the capture " + pcap + ": " + e.getMessage());
        }
        PacketSource source;
        try {
            source = CaptureReader.open(in, pcap.toString());
        } catch (IOException e) {
            in.close();
            throw new LabException(pcap + " is not a capture: " + e.getMessage());
        }
        LinkType linkType = source.headerLinkType().orElse(LinkType.ETHERNET);
        WireRecorder recorder = new WireRecorder(dir, point, linkType, bounds);
        err.println("recording " + point + " into " + dir + ": " + bounds.describe());
        err.flush();
        // docker stop (SIGTERM): the file being written gets its final name before the container goes
        Thread hook = new Thread(() -> closeQuietly(recorder));
        Runtime.getRuntime().addShutdownHook(hook);
        Thread counts = log == null ? null : Thread.ofPlatform().daemon(true).name("tcpdump-log").start(() -> statistics(log, recorder, err));
        try {
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                recorder.packet(f.get());
                // the wire went quiet: make the file current, so a reader sees every packet so far
                if (in.available() == 0) recorder.flush();
            }
        } catch (IOException e) {
            err.println("record: the capture ended: " + e.getMessage());
        } finally {
            // tcpdump's last counts, if it printed them as it ended (the log may never end: the shell keeps it open)
            if (counts != null) counts.join(500);
            closeQuietly(recorder);
            source.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it closes the same recorder
            }
        }
        err.println("recorded " + recorder.frames() + " frames at " + point + " (" + recorder.snapped() + " cut to " + snap + " bytes)");
        err.flush();
        return 0;
    }

    /** Passes tcpdump's messages on (docker logs) and records each count it prints as the capture's own. */
    private static void statistics(Path log, WireRecorder recorder, PrintWriter err) {
        try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                err.println(line);
                err.flush();
                Matcher m = STATS.matcher(line);
                if (!m.find()) continue;
                Instant at = Instant.now();
                // Packets tcpdump wrote before it printed this may still be in the pipe: the reader takes them within
                // microseconds. (Not available() on it: that waits for the lock the reader's blocking read holds.)
                Thread.sleep(50);
                recorder.statistics(at, Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
            }
        } catch (IOException | InterruptedException e) {
            // tcpdump is gone: the main loop ends too
        }
    }

    private static void closeQuietly(WireRecorder recorder) {
        try {
            recorder.close();
        } catch (IOException e) {
            // the folder went away with the lab: nothing left to complete
        }
    }
}

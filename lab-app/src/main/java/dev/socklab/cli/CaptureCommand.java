package dev.socklab.cli;

import dev.socklab.lab.Lab;
import dev.socklab.lab.LiveCapture;
import dev.socklab.pcap.LiveMerge;
import dev.socklab.pcap.PcapngWriter;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./lab capture}: the running lab's capture points, merged, live, as pcapng on standard output. */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Streams what the running lab's capture points see, live, as one pcapng on standard output (an interface each: client, router, server).",
                "For ./lab capture | wireshark -k -i -, or | tshark -r -; it stops quietly when the reader goes away."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the reader went away (or stopped the stream)", "1:no lab is running, or its captures stopped"})
final class CaptureCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Lab lab = Lab.fromEnvironment();
        List<LiveCapture.Point> points = LiveCapture.points(lab);
        PrintWriter err = spec.commandLine().getErr();
        // Standard output itself, not System.out: a PrintStream hides the broken pipe this command stops on.
        OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        try (LiveCapture live = LiveCapture.start(lab, points)) {
            PcapngWriter out;
            try {
                out = new PcapngWriter(stdout, "socklab ./lab capture");
                out.flush();
            } catch (IOException readerGone) {
                return 0;
            }
            LiveMerge.End end = LiveMerge.run(live.inputs(), LiveMerge.pcapng(out), Clock.systemUTC(), p -> {
                err.println("capture: " + p);
                err.flush();
            });
            if (end == LiveMerge.End.INPUTS_ENDED) {
                throw new LabException("the lab's captures stopped (was the lab taken down?)");
            }
            return 0;
        } finally {
            err.flush();
        }
    }
}

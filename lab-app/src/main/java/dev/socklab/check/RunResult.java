package dev.socklab.check;

import dev.socklab.pcap.TcpAnalysis;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One run judged: what the harness recorded, what the capture holds, and the checks. */
public record RunResult(RunRecord record, TcpAnalysis wire, List<Check> checks) {

    /** Reads the run in {@code dir} and judges it. */
    public static RunResult judge(Path dir) throws IOException {
        RunRecord record = RunRecord.read(dir);
        // A program stopped mid-run leaves a complete file (tcpdump -U), but be lenient all the same.
        TcpAnalysis wire = TcpAnalysis.upToTruncation(record.pcap());
        List<Check> checks = new java.util.ArrayList<>(record.isUdp() ? UdpChecks.of(record, wire) : TcpChecks.of(record, wire));
        checks.addAll(SandboxChecks.of(record));
        return new RunResult(record, wire, checks);
    }

    public boolean passed() {
        return checks.stream().noneMatch(c -> c.verdict() == Verdict.FAIL);
    }

    public List<Check> failed() {
        return checks.stream().filter(c -> c.verdict() == Verdict.FAIL).toList();
    }
}

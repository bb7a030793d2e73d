package dev.socklab.check;

import dev.socklab.pcap.TcpAnalysis;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One run judged: what the harness recorded, what the capture holds, and the checks.
 *
 * @param exchange TCP: how the transfer opened and the form that shows (empty for UDP, or without a connection)
 */
public record RunResult(RunRecord record, TcpAnalysis wire, List<Check> checks, Optional<Exchange> exchange) {

    /** Reads the run in {@code dir} and judges it. */
    public static RunResult judge(Path dir) throws IOException {
        RunRecord record = RunRecord.read(dir);
        // A program stopped mid-run leaves a complete file (tcpdump -U), but be lenient all the same.
        TcpAnalysis wire = TcpAnalysis.upToTruncation(record.pcap());
        Optional<Exchange> exchange = record.isUdp() ? Optional.empty() : TcpChecks.exchange(record, wire);
        List<Check> checks = new java.util.ArrayList<>(record.isUdp() ? UdpChecks.of(record, wire) : TcpChecks.of(record, wire, exchange));
        checks.addAll(SandboxChecks.of(record));
        return new RunResult(record, wire, checks, exchange);
    }

    public boolean passed() {
        return checks.stream().noneMatch(c -> c.verdict() == Verdict.FAIL);
    }

    /** The check of this id, if the run has one. */
    public Optional<Check> check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public List<Check> failed() {
        return checks.stream().filter(c -> c.verdict() == Verdict.FAIL).toList();
    }
}

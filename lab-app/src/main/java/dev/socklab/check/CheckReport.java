package dev.socklab.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.socklab.pcap.TcpConnection;
import dev.socklab.report.ReportFiles;
import dev.socklab.report.HandshakeLadder;
import dev.socklab.report.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The verdict of {@code ./lab check}: the user's run judged check by check, beside the reference
 * run of socklab's own programs, with the differences between the two captures. Written as a
 * terminal checklist, {@code report.md} and {@code report.json}.
 */
public record CheckReport(Path dir, RunResult user, RunResult reference, List<Difference> differences) {
    public static final String MARKDOWN = "report.md";
    public static final String JSON = "report.json";
    /** Where the HTML report (the {@code report} command) puts its page, when it ran. */
    public static final String HTML = "report.html";
    private static final int OUTPUT_LINES = 40;

    /** Judges {@code dir/user} and {@code dir/reference}, as ./lab check leaves them. */
    public static CheckReport of(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("no such folder: " + dir);
        RunResult user = RunResult.judge(dir.resolve("user"));
        RunResult reference = RunResult.judge(dir.resolve("reference"));
        return new CheckReport(dir, user, reference, Difference.between(user, reference));
    }

    public boolean passed() {
        return user.passed();
    }

    /** What the terminal shows: the user's checks, the differences, where the reports are, the result. */
    public String checklist() {
        StringBuilder s = new StringBuilder();
        s.append("Checked: ").append(user.record().describe()).append(", ").append(protocolText(user)).append("\n\n");
        Table t = new Table("", "check", "found", "evidence");
        for (Check c : user.checks()) t.row(c.verdict().name(), c.title(), c.detail(), c.packetText());
        s.append(indent(t.render()));
        List<Difference> differs = differences.stream().filter(Difference::differs).toList();
        s.append('\n');
        if (differs.isEmpty()) {
            s.append("Same on the wire as the reference run (").append(reference.record().describe()).append(").\n");
        } else {
            s.append("Differences from the reference run (").append(reference.record().describe()).append(")\n");
            Table d = new Table("measure", "your run", "reference");
            for (Difference x : differs) d.row(x.measure(), x.user(), x.reference());
            s.append(indent(d.render()));
        }
        if (!reference.passed()) {
            s.append("NOTE: the reference run failed too (").append(titles(reference.failed()))
                    .append("): the lab itself may be in trouble.\n");
        }
        s.append('\n').append("Report   ").append(dir.resolve(MARKDOWN)).append("  (also ").append(JSON);
        if (Files.exists(dir.resolve(HTML))) s.append(", ").append(HTML);
        s.append(")\n");
        s.append("Captures ").append(user.record().pcap()).append("\n         ").append(reference.record().pcap()).append('\n');
        long passes = user.checks().stream().filter(c -> c.verdict() == Verdict.PASS).count();
        long judged = user.checks().stream().filter(c -> c.verdict() != Verdict.INFO).count();
        s.append('\n');
        if (passed()) {
            s.append("RESULT: OK — ").append(passes).append(" of ").append(judged).append(" checks passed\n");
        } else {
            s.append("RESULT: FAILED — ").append(passes).append(" of ").append(judged).append(" checks passed; failed: ")
                    .append(titles(user.failed())).append('\n');
        }
        return s.toString();
    }

    public String markdown() throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("# socklab check: ").append(passed() ? "passed" : "FAILED").append("\n\n");
        s.append("Your run: ").append(user.record().describe()).append(", ").append(protocolText(user)).append(".  \n");
        s.append("Reference run: ").append(reference.record().describe()).append(".\n\n");
        Path sent = user.record().sent();
        if (!user.record().isUdp() && Files.isRegularFile(sent)) {
            s.append("File sent: `").append(dir.relativize(sent)).append("`, ").append(Files.size(sent)).append(" bytes, SHA-256 `")
                    .append(dev.socklab.tcp.Sha256.ofFile(sent)).append("` — what the server had to save.\n\n");
        }
        s.append("Packet numbers are those of the capture as Wireshark shows them: `")
                .append(dir.relativize(user.record().pcap())).append("` (your run), `")
                .append(dir.relativize(reference.record().pcap())).append("` (reference).\n\n");
        s.append("## Checks\n\n| | check | found | packets |\n|---|---|---|---|\n");
        for (Check c : user.checks()) {
            s.append("| ").append(c.verdict().name()).append(" | ").append(cell(c.title())).append(" | ")
                    .append(cell(c.detail())).append(" | ").append(cell(String.join(", ", c.packets().stream().map(String::valueOf).toList())))
                    .append(" |\n");
        }
        s.append("\n## Differences from the reference run\n\n| measure | your run | reference | |\n|---|---|---|---|\n");
        for (Difference d : differences) {
            s.append("| ").append(cell(d.measure())).append(" | ").append(cell(d.user())).append(" | ")
                    .append(cell(d.reference())).append(" | ").append(d.differs() ? "differs" : "").append(" |\n");
        }
        if (!user.record().isUdp()) {
            s.append("\n## Handshake ladders\n\n");
            ladder(s, "Your run", user);
            ladder(s, "Reference run", reference);
        }
        s.append("\n## What the programs printed\n\n");
        for (RunResult run : List.of(user, reference)) {
            for (Program p : run.record().programs()) {
                s.append("### ").append(run == user ? "Your run" : "Reference run").append(": ").append(p.describe())
                        .append(" — ").append(p.hung() ? "hung, stopped after " + run.record().timeoutSeconds() + " s"
                                : p.exit().map(c -> "exit code " + c).orElse("still running at the end")).append("\n\n```\n")
                        .append(p.outputTail(OUTPUT_LINES).isBlank() ? "(no output)" : p.outputTail(OUTPUT_LINES)).append("\n```\n\n");
            }
        }
        if (!reference.passed()) {
            s.append("**Note:** the reference run failed too (").append(titles(reference.failed())).append(").\n");
        }
        return s.toString();
    }

    public String json() throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("passed", passed());
        root.set("user", run(mapper, user));
        root.set("reference", run(mapper, reference));
        ArrayNode diffs = root.putArray("differences");
        for (Difference d : differences) diffs.add(mapper.valueToTree(d));
        return mapper.writeValueAsString(root) + "\n";
    }

    /** Writes report.md and report.json into the check's folder, each complete or not at all. */
    public void write() throws IOException {
        ReportFiles.replace(dir.resolve(MARKDOWN), markdown());
        ReportFiles.replace(dir.resolve(JSON), json());
    }

    private static ObjectNode run(ObjectMapper mapper, RunResult r) {
        ObjectNode n = mapper.createObjectNode();
        RunRecord rec = r.record();
        n.put("protocol", rec.protocol());
        n.put("port", rec.port());
        n.put("passed", r.passed());
        n.put("capture", rec.pcap().getFileName().toString());
        n.put("timeoutSeconds", rec.timeoutSeconds());
        r.exchange().ifPresent(x -> {
            // The TCP form the programs spoke, found on the wire: socklab, greeting or raw (null: no data crossed).
            ObjectNode form = n.putObject("form");
            if (x.form().isPresent()) form.put("protocol", x.form().get().label()); else form.putNull("protocol");
            form.put("evidence", x.evidence());
            ArrayNode packets = form.putArray("packets");
            x.packets().forEach(packets::add);
            if (!rec.formNote().isBlank()) form.put("how", rec.formNote());
        });
        ArrayNode programs = n.putArray("programs");
        for (Program p : rec.programs()) {
            ObjectNode o = programs.addObject();
            o.put("role", p.role());
            o.put("by", p.user() ? "user" : "socklab");
            o.put("command", p.command());
            if (p.exit().isPresent()) o.put("exitCode", p.exit().get()); else o.putNull("exitCode");
            o.put("hung", p.hung());
            o.put("output", p.outputTail(OUTPUT_LINES));
        }
        ArrayNode checks = n.putArray("checks");
        for (Check c : r.checks()) {
            ObjectNode o = checks.addObject();
            o.put("id", c.id());
            o.put("title", c.title());
            o.put("verdict", c.verdict().label());
            o.put("detail", c.detail());
            ArrayNode packets = o.putArray("packets");
            c.packets().forEach(packets::add);
        }
        return n;
    }

    private void ladder(StringBuilder s, String heading, RunResult run) throws IOException {
        s.append("### ").append(heading).append("\n\n```\n");
        Optional<TcpConnection> c = TcpChecks.mainConnection(run.wire(), run.record().port());
        s.append(c.isPresent() ? HandshakeLadder.render(run.record().pcap(), run.wire(), c.get())
                : "(no connection to port " + run.record().port() + ")\n");
        c.ifPresent(x -> s.append("teardown: ").append(x.teardown().describe()).append('\n'));
        s.append("```\n\n");
    }

    private static String protocolText(RunResult r) {
        return (r.record().isUdp() ? "UDP" : "TCP") + " port " + r.record().port()
                + r.exchange().flatMap(Exchange::form).map(f -> ", " + f.label() + " form").orElse("");
    }

    private static String titles(List<Check> checks) {
        return String.join("; ", checks.stream().map(Check::title).toList());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l + "\n").reduce("", String::concat);
    }

}

package dev.socklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socklab.bench.BenchReport;
import dev.socklab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import org.junit.jupiter.api.Test;

/**
 * The documentation against the programs: every {@code ./lab ...}, {@code java -jar lab-app.jar ...} and
 * {@code lab-app ...} line in a fenced block of README.md or docs/*.md parses with the programs' own command
 * model (so each command and option exists, and each value converts), every relative link leads to a file
 * (and heading), and every command's summary in --help is one whole sentence.
 */
class DocsTest {
    /** {@code ./lab} handles these itself, before handing over to {@code lab-app lab}. */
    private static final Set<String> FRONT_DOOR = Set.of("test", "help", "-h", "--help");

    private static final Pattern JAVA_JAR = Pattern.compile("java(?:\\s+-\\S+)*\\s+-jar\\s+(?:\\S*/)?lab-app\\.jar(?:\\s+(.*))?");
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z][a-z-]*>");
    private static final String BENCH_TABLE = "<!-- bench-table -->";
    private static final String BENCH_TABLE_END = "<!-- /bench-table -->";
    private static final Pattern ENV_PREFIX = Pattern.compile("^(?:[A-Z_][A-Z0-9_]*=\\S*\\s+)+");

    /** A command as a page shows it: where, and the words after the program's name. */
    record Shown(String where, String text, boolean lab, List<String> args) {}

    @Test
    void everyCommandShownParsesWithTheProgramsOwnOptions() throws IOException {
        List<Shown> shown = new ArrayList<>();
        for (Path page : pages()) shown.addAll(commands(page));
        assertTrue(shown.size() >= 20, "the pages show commands: found only " + shown);
        List<String> problems = new ArrayList<>();
        for (Shown s : shown) {
            String problem = check(s);
            if (problem != null) problems.add(s.where() + ": " + s.text() + "\n    " + problem);
        }
        assertEquals("", String.join("\n", problems), problems.size() + " of " + shown.size() + " commands shown do not run as shown");
    }

    @Test
    void everyRelativeLinkLeadsToAFileAndHeading() throws IOException {
        List<String> problems = new ArrayList<>();
        int links = 0;
        for (Path page : pages()) {
            List<String> lines = outsideCode(page);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LINK.matcher(lines.get(i).replaceAll("`[^`]*`", ""));
                while (m.find()) {
                    links++;
                    String problem = brokenLink(page, m.group(1));
                    if (problem != null) problems.add(root().relativize(page) + ":" + (i + 1) + ": " + m.group(1) + ": " + problem);
                }
            }
        }
        assertTrue(links >= 10, "the pages link to each other: found only " + links + " links");
        assertEquals("", String.join("\n", problems));
    }

    @Test
    void everyCommandsSummaryIsOneWholeSentence() {
        List<String> problems = new ArrayList<>();
        summaries(Main.commandLine(), problems);
        assertEquals("", String.join("\n", problems));
    }

    /** Each page that shows a bench's figures, and the bench.json they are rendered from (issue 14: never retyped). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"docs/performance.md, docs/bench.json", "docs/class.md, docs/bench-class.json"})
    void aPageShowsTheTableTheBenchRendersFromItsBenchJson(String pageName, String jsonName) throws IOException {
        Path page = root().resolve(pageName);
        String text = Files.readString(page);
        int open = text.indexOf(BENCH_TABLE);
        int close = text.indexOf(BENCH_TABLE_END);
        assertTrue(open >= 0 && close > open, pageName + " holds the table between " + BENCH_TABLE + " and " + BENCH_TABLE_END);
        JsonNode bench = new ObjectMapper().readTree(root().resolve(jsonName).toFile());
        assertTrue(bench.path("summary").size() > 0, jsonName + " has a summary to show");
        String expected = "\n```\n" + BenchReport.table(bench).stripTrailing() + "\n```\n";
        assertEquals(expected, text.substring(open + BENCH_TABLE.length(), close),
                pageName + "'s table is not what ./lab bench prints from " + jsonName + ": paste it again");
    }

    // ---------------------------------------------------------------- the checker, checked

    @Test
    void theCheckerRejectsWhatDoesNotRun() {
        assertTrue(check(shown("./lab up --topology nat")) == null);
        assertTrue(check(shown("./lab test -Dit.test=PlacementIT")) == null, "test is the front door's own");
        assertTrue(check(shown("java -jar lab-app.jar tcp-client 10.10.1.10 --protocol raw --file sample.txt")) == null);
        assertTrue(check(shown("java -Xmx64m -jar lab-app/target/lab-app.jar analyze a.pcap --json")) == null);
        assertTrue(check(shown("./lab up --no-such-option")) != null);
        assertTrue(check(shown("./lab no-such-command")) != null);
        assertTrue(check(shown("java -jar lab-app.jar tcp-client HOST --port PORT")) != null, "PORT is no port number");
        assertTrue(check(shown("java -jar lab-app.jar report captures/<run>/server.pcap")) != null, "a placeholder");
        assertTrue(check(shown("./lab up   # writes captures/<run>/")) == null, "a comment may name a placeholder");
        assertTrue(check(shown("lab-app analyze")) != null, "a required parameter is missing");
    }

    @Test
    void commandsAreTakenFromFencedBlocksWithTheirContinuationsAndWithoutComments() throws IOException {
        Path page = Files.createTempFile("page", ".md");
        try {
            Files.writeString(page, String.join("\n",
                    "./lab up --outside-a-block",
                    "```sh",
                    "$ LAB_NET=10.20 ./lab up --topology nat   # a comment --not-an-option",
                    "./lab check --udp --server 'python3 udp server.py' \\",
                    "    --client \"python3 c1.py {server_ip}\"",
                    "java -jar lab-app.jar tcp-server --raw > log.txt",
                    "mvn -q package",
                    "```"));
            List<Shown> got = commands(page);
            assertEquals(3, got.size(), got.toString());
            assertEquals(List.of("up", "--topology", "nat"), got.get(0).args());
            assertEquals(List.of("check", "--udp", "--server", "python3 udp server.py", "--client", "python3 c1.py {server_ip}"),
                    got.get(1).args());
            assertEquals(List.of("tcp-server", "--raw"), got.get(2).args());
            assertFalse(got.get(2).lab());
        } finally {
            Files.delete(page);
        }
    }

    @Test
    void headingsBecomeGithubAnchors() {
        assertEquals("least-privilege", slug("Least privilege"));
        assertEquals("reading-captures-analyze", slug("Reading captures (`analyze`)"));
        assertEquals("tcp-vs-udp-measured-lab-compare", slug("TCP vs UDP, measured: `./lab compare`"));
    }

    // ---------------------------------------------------------------- commands

    private static Shown shown(String line) {
        Shown s = parse("test", line);
        assertTrue(s != null, line);
        return s;
    }

    /** Null when the command parses with the program's own model, else why not. */
    static String check(Shown s) {
        if (PLACEHOLDER.matcher(s.text().replaceFirst("\\s#.*$", "")).find()) return "a <placeholder> a shell cannot run: show a real value";
        List<String> args = s.args();
        if (s.lab() && !args.isEmpty() && FRONT_DOOR.contains(args.get(0))) return null;
        List<String> full = new ArrayList<>();
        if (s.lab()) full.add("lab");
        full.addAll(args);
        try {
            Main.commandLine().parseArgs(full.toArray(String[]::new));
            return null;
        } catch (ParameterException e) {
            return e.getMessage();
        }
    }

    private static List<Shown> commands(Path page) throws IOException {
        List<Shown> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(page);
        String where = page.startsWith(root()) ? root().relativize(page).toString() : page.toString();
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("```") || line.startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (!fenced) continue;
            int first = i;
            while (line.endsWith("\\") && i + 1 < lines.size()) line = line.substring(0, line.length() - 1) + " " + lines.get(++i).strip();
            Shown s = parse(where + ":" + (first + 1), line);
            if (s != null) out.add(s);
        }
        return out;
    }

    /** The words after ./lab, lab-app or java -jar lab-app.jar; null for any other line. */
    static Shown parse(String where, String line) {
        String text = line.startsWith("$ ") ? line.substring(2) : line;
        text = ENV_PREFIX.matcher(text).replaceFirst("");
        boolean lab;
        String rest;
        Matcher java = JAVA_JAR.matcher(text);
        if (text.equals("./lab") || text.startsWith("./lab ")) {
            lab = true;
            rest = text.substring("./lab".length());
        } else if (text.equals("lab-app") || text.startsWith("lab-app ")) {
            lab = false;
            rest = text.substring("lab-app".length());
        } else if (java.lookingAt()) {
            lab = false;
            rest = java.group(1) == null ? "" : java.group(1);
        } else {
            return null;
        }
        return new Shown(where, text, lab, words(rest));
    }

    /** Shell words, as sh splits them: quotes kept together, up to a comment, a pipe, a redirection or a list. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int close = s.indexOf(c, i + 1);
                if (close < 0) close = s.length();
                w.append(s, i + 1, close);
                i = close;
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                w.append(s.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) out.add(w.toString());
                w.setLength(0);
                inWord = false;
            } else if ((c == '#' && !inWord) || c == '|' || c == ';' || c == '&' || c == '<' || c == '>') {
                // a redirection's file descriptor (2>) is not a word either
                if (inWord && !(w.toString().matches("\\d+") && c == '>')) out.add(w.toString());
                return out;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) out.add(w.toString());
        return out;
    }

    // ---------------------------------------------------------------- links

    private static String brokenLink(Path page, String target) throws IOException {
        if (target.matches("^[a-z][a-z0-9+.-]*:.*")) return null;  // http:, https:, mailto: ...: not ours to check
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path to = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(to)) return "no such file";
        if (anchor == null || !to.toString().endsWith(".md")) return null;
        return anchors(to).contains(anchor) ? null : "no heading #" + anchor + " in " + to.getFileName();
    }

    /** GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
    private static Set<String> anchors(Path page) throws IOException {
        Set<String> out = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : outsideCode(page)) {
            Matcher h = Pattern.compile("^#{1,6}\\s+(.*)").matcher(line);
            if (!h.matches()) continue;
            String slug = slug(h.group(1));
            int n = seen.merge(slug, 1, Integer::sum);
            out.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return out;
    }

    static String slug(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    // ---------------------------------------------------------------- help

    private static void summaries(CommandLine cli, List<String> problems) {
        CommandSpec spec = cli.getCommandSpec();
        // The summary is what the list of commands shows: the header when there is one, else the description.
        String[] description = spec.usageMessage().header().length > 0 ? spec.usageMessage().header() : spec.usageMessage().description();
        String name = spec.qualifiedName(" ");
        if (description.length == 0) {
            problems.add(name + ": no summary");
        } else {
            String first = description[0].replace("%n", "").strip();
            if (first.isEmpty() || !Character.isUpperCase(first.codePointAt(0))) problems.add(name + ": starts without a capital: " + first);
            if (!first.endsWith(".")) problems.add(name + ": does not end with a period: " + first);
            if (first.matches(".*[.!?] +\\p{Lu}.*")) problems.add(name + ": more than one sentence: " + first);
        }
        for (CommandLine sub : new HashSet<>(cli.getSubcommands().values())) summaries(sub, problems);
    }

    // ---------------------------------------------------------------- pages

    private static Path root() {
        return Lab.fromEnvironment().root();
    }

    /** README.md and every page under docs/. */
    private static List<Path> pages() throws IOException {
        List<Path> out = new ArrayList<>();
        out.add(root().resolve("README.md"));
        try (Stream<Path> docs = Files.list(root().resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        }
        return out;
    }

    /** A page's lines with fenced blocks blanked, so line numbers stay right. */
    private static List<String> outsideCode(Path page) throws IOException {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            boolean fence = line.strip().startsWith("```") || line.strip().startsWith("~~~");
            if (fence) fenced = !fenced;
            out.add(fence || fenced ? "" : line);
        }
        return out;
    }
}

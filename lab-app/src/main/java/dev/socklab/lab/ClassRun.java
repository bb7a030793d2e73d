package dev.socklab.lab;

import dev.socklab.tcp.Form;

import dev.socklab.check.ClassReport;
import dev.socklab.check.IndividualFile;
import dev.socklab.check.Submission;
import dev.socklab.report.ReportFiles;
import dev.socklab.tcp.Sha256;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * ./lab check --class DIR: every subfolder of DIR is one student's submission, checked as a single ./lab check
 * would (CheckRun), several at once, each in a compose project of its own ({@code <project>-class-<n>}) on
 * addresses of its own, into {@code captures/class-<time>/<student>/}. A submission is checked in a hidden
 * {@code .<student>.partial} folder and renamed once its outcome.json is written, so the folder on disk is
 * the state: --resume checks only what has no finished folder (or ended in a lab error).
 */
public final class ClassRun {
    public static final String PROPERTIES = "class.properties";
    public static final String LOG = "check.log";
    /** Each job holds a claimed 10.N prefix: 64 leaves room for everything else on the engine. */
    public static final int MAX_JOBS = 64;
    /** What one check may hold at once (two user programs at their memory limit, the hosts, the JVMs beside them). */
    static final long MIB_PER_JOB = 768;
    private static final String PARTIAL = ".partial";

    private ClassRun() {
    }

    /**
     * What a class is checked with, recorded in the class folder so --resume (and a regrade with --seed) sends the
     * same files with the same commands. {@code file} null: each student gets an individual file from {@code seed}.
     */
    public record Settings(Path submissions, String server, List<String> clients, boolean udp, Path file, Duration timeout,
                           String received, String seed, Form protocol, boolean ipv6) {
        public Settings(Path submissions, String server, List<String> clients, boolean udp, Path file, Duration timeout,
                        String received, String seed) {
            this(submissions, server, clients, udp, file, timeout, received, seed, Form.AUTO, false);
        }

        public Settings {
            if (protocol == null) protocol = Form.AUTO;
            clients = List.copyOf(clients);
            if (!Files.isDirectory(submissions)) throw new LabFailure("no such folder: " + submissions);
            if (seed == null || seed.isBlank() || !seed.matches("[\\x21-\\x7e]{1,64}")) {
                throw new LabFailure("--seed: 1 to 64 printable characters, no spaces");
            }
        }

        /** The single check's options for one submission, sent {@code sent}. */
        CheckRun.Options options(Path code, Path sent) {
            return new CheckRun.Options(server, clients, code, udp, sent, timeout, received, protocol);
        }

        /** The single check's rules, before anything starts (an individual file stands in for the ones made later). */
        public void validate() throws IOException {
            Path probe = file != null ? file : Files.createTempFile("socklab-class", ".txt");
            try {
                if (file == null) Files.write(probe, IndividualFile.of(seed, "probe"));
                options(submissions, probe);
            } finally {
                if (file == null) Files.deleteIfExists(probe);
            }
        }

        void write(Path dir) throws IOException {
            Properties p = new Properties();
            p.setProperty("submissions", submissions.toAbsolutePath().normalize().toString());
            if (server != null) p.setProperty("server", server);
            for (int i = 0; i < clients.size(); i++) p.setProperty("client." + (i + 1), clients.get(i));
            p.setProperty("udp", String.valueOf(udp));
            if (file != null) p.setProperty("file", file.toAbsolutePath().normalize().toString());
            p.setProperty("timeout", timeout.toSeconds() + "s");
            p.setProperty("received", received);
            p.setProperty("seed", seed);
            p.setProperty("protocol", protocol.name());
            p.setProperty("ipv6", String.valueOf(ipv6));
            StringWriter text = new StringWriter();
            p.store(text, "socklab check --class: what the class is checked with (--resume reads it)");
            ReportFiles.replace(dir.resolve(PROPERTIES), text.toString());
        }

        static Settings read(Path dir) throws IOException {
            Path f = dir.resolve(PROPERTIES);
            if (!Files.isRegularFile(f)) throw new LabFailure("no " + PROPERTIES + " in " + dir + ": not a folder ./lab check --class made");
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            List<String> clients = new ArrayList<>();
            for (int i = 1; p.getProperty("client." + i) != null; i++) clients.add(p.getProperty("client." + i));
            String file = p.getProperty("file");
            return new Settings(Path.of(p.getProperty("submissions", "")), p.getProperty("server"), clients,
                    Boolean.parseBoolean(p.getProperty("udp")), file == null ? null : Path.of(file),
                    Duration.ofSeconds(Long.parseLong(p.getProperty("timeout", "20s").replace("s", ""))),
                    p.getProperty("received", "recv.txt"), p.getProperty("seed", ""),
                    Form.valueOf(p.getProperty("protocol", Form.AUTO.name())), Boolean.parseBoolean(p.getProperty("ipv6")));
        }
    }

    /** Judges one submission's check folder (report.md, report.json, report.html, junit.xml); true when it passed. */
    public interface Grader {
        boolean grade(Path dir, String student, PrintWriter log) throws IOException;
    }

    /** Told each time a submission is finished: how many of how many. */
    public interface Progress {
        void finished(int done, int total, Submission s);
    }

    /** A class run: its folder, and how many submissions were checked now, skipped as finished, in all. */
    public record Outcome(Path dir, Settings settings, int checked, int skipped, int total, double seconds) {
    }

    /** One submission: its name (the folder's), the folder of its code, and its folder in the class run. */
    record Student(int index, String name, Path code, String folder) {
    }

    /** The default --jobs: twice the cores (a check waits on its programs and the engine most of its time), as memory allows. */
    public static int defaultJobs() {
        long memMib = MIB_PER_JOB * 4;
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemAvailable:")) memMib = Long.parseLong(l.replaceAll("\\D", "")) / 1024;
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: the cores alone decide, with the memory of four jobs assumed
        }
        return (int) Math.max(1, Math.min(2L * Runtime.getRuntime().availableProcessors(), memMib / MIB_PER_JOB));
    }

    public static Outcome start(Lab user, Settings s, int jobs, Grader grader, Progress progress, PrintWriter out) throws IOException {
        s.validate();
        List<Student> students = students(s.submissions());
        RunFolder folder = RunFolder.create(user.root(), "class-", user.project());
        s.write(folder.dir());
        return run(user, folder, s, students, jobs, grader, progress, out);
    }

    /** Continues the class run in {@code dir}: the submissions without a finished folder, with the options recorded there. */
    public static Outcome resume(Lab user, Path dir, int jobs, Grader grader, Progress progress, PrintWriter out) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        Settings s = Settings.read(abs);
        s.validate();
        Path captures = user.root().resolve("captures");
        if (!abs.startsWith(captures)) throw new LabFailure("--resume: " + dir + " is not a class folder under " + captures);
        return run(user, new RunFolder(captures.relativize(abs).toString(), abs), s, students(s.submissions()), jobs, grader, progress, out);
    }

    /** The subfolders of {@code dir}, by name; their names made safe as folder and file names, and distinct. */
    static List<Student> students(Path dir) throws IOException {
        List<Path> subs;
        try (Stream<Path> all = Files.list(dir)) {
            subs = all.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        if (subs.isEmpty()) throw new LabFailure("no submissions in " + dir + ": each subfolder is one student's");
        List<Student> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Path p : subs) {
            String name = p.getFileName().toString();
            String folder = safe(name);
            String other = seen.put(folder, name);
            if (other != null) throw new LabFailure("submissions '" + other + "' and '" + name + "' would share the folder " + folder + ": rename one");
            out.add(new Student(out.size() + 1, name, p.toAbsolutePath().normalize(), folder));
        }
        return out;
    }

    /** A name as a folder: letters, digits, '.', '_' and '-' kept, anything else '_'; never hidden, never too long. */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.startsWith(".")) s = "_" + s.substring(1);
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    private static Outcome run(Lab user, RunFolder folder, Settings s, List<Student> students, int jobs, Grader grader,
                               Progress progress, PrintWriter out) throws IOException {
        if (jobs < 1 || jobs > MAX_JOBS) throw new LabFailure("--jobs: from 1 to " + MAX_JOBS);
        List<Student> todo = new ArrayList<>();
        for (Student st : students) {
            Submission done = Submission.read(folder.dir().resolve(st.folder()));
            if (done == null || !done.graded()) todo.add(st);
        }
        int skipped = students.size() - todo.size();
        Up.say(out, "checking " + todo.size() + " of " + students.size() + " submissions in " + s.submissions() + ", " + Math.min(jobs, Math.max(1, todo.size()))
                + " at a time" + (skipped > 0 ? " (" + skipped + " finished before)" : "") + "; "
                + (s.file() == null ? "each sent its own file (seed " + s.seed() + ")" : "each sent " + s.file()) + ": "
                + user.root().relativize(folder.dir()));
        out.flush();
        long t0 = System.nanoTime();
        AtomicInteger finished = new AtomicInteger(skipped);
        if (progress != null && skipped > 0) progress.finished(skipped, students.size(), null);
        Lab classLab = user.scenario("class");
        Set<Lab> running = ConcurrentHashMap.newKeySet();
        // Ctrl-C: the checks in flight are stopped with the JVM; their containers must not outlive it.
        Thread hook = new Thread(() -> running.forEach(Lab::down));
        Runtime.getRuntime().addShutdownHook(hook);
        int n = Math.min(jobs, todo.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, n), Thread.ofPlatform().name("class-", 1).factory());
        try {
            LinkedBlockingQueue<AddressPlan> plans = new LinkedBlockingQueue<>(n == 0 ? List.of() : LifeBench.plans(classLab, n));
            for (Student st : todo) {
                pool.submit(() -> {
                    AddressPlan plan = plans.take();
                    Lab lab = new Lab(user.root(), user.project() + "-class-" + st.index());
                    running.add(lab);
                    try {
                        Submission sub = one(lab, plan, folder, s, st, grader);
                        if (progress != null) progress.finished(finished.incrementAndGet(), students.size(), sub);
                    } finally {
                        running.remove(lab);
                        plans.put(plan);
                    }
                    return null;
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // each check bounds its own waits; this only waits for the last of them
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabFailure("interrupted: ./lab check --resume " + user.root().relativize(folder.dir()) + " continues");
        } finally {
            pool.shutdownNow();
            classLab.down();   // the claimed addresses
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ClassReport.of(folder.dir()).write("socklab class check: " + s.submissions().getFileName() + " (" + folder.id() + ")");
        return new Outcome(folder.dir(), s, todo.size(), skipped, students.size(), seconds);
    }

    /** One submission, start to end; whatever goes wrong is its outcome, never the class's. */
    private static Submission one(Lab lab, AddressPlan plan, RunFolder classFolder, Settings s, Student st, Grader grader) throws IOException {
        Path done = classFolder.dir().resolve(st.folder());
        Path partial = classFolder.dir().resolve("." + st.folder() + PARTIAL);
        setAside(done);
        setAside(partial);
        Files.createDirectories(partial);
        long t0 = System.nanoTime();
        Path sent = s.file() != null ? s.file() : partial.resolve("sample.txt");
        if (s.file() == null) Files.write(sent, IndividualFile.of(s.seed(), st.name()));
        Submission sub;
        try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(partial.resolve(LOG), StandardCharsets.UTF_8), true)) {
            try {
                lab.down();   // what an interrupted run left in this project
                CheckRun.run(lab, plan, new RunFolder(classFolder.id() + "/" + partial.getFileName(), partial),
                        s.options(st.code(), sent), log, s.ipv6());
                log.println();
                boolean passed = grader.grade(partial, st.name(), log);
                sub = new Submission(st.name(), Submission.GRADED, passed, null, secs(t0), Files.size(sent), Sha256.ofFile(sent));
            } catch (IOException | RuntimeException e) {   // LabFailure, the grader's LabException, a bug: this submission's alone
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                log.println("the check could not run to its end: " + why);
                sub = new Submission(st.name(), Submission.ERROR, false, why, secs(t0), Files.size(sent), Sha256.ofFile(sent));
            }
        }
        sub.write(partial);
        Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
        return sub;
    }

    /** An unfinished (or failed) folder is moved out of the way, then removed as far as we may (capture files are root's). */
    private static void setAside(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        Path aside = dir.resolveSibling("." + dir.getFileName() + ".old-" + System.nanoTime());
        Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
        LifeBench.delete(aside);
    }

    private static double secs(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e6) / 1000.0;
    }
}

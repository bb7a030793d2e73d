package dev.socklab.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The lab-app entry point: one jar, one subcommand per program of the lab. lab-app itself is described in code, as
 * tcp-server and tcp-client are: a run of either reads no picocli annotation at all ({@link Specs} says why).
 */
public final class Main implements Runnable {

    /**
     * Every subcommand by name, in help order. Added by {@link #commandLine(String...)} rather than listed all at once:
     * picocli builds each model it is given by reflection, and building all of them was most of tcp-server's start-up
     * (docs/performance.md); a run that names one builds only that one.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
            "tcp-server", TcpServerCommand.class,
            "tcp-client", TcpClientCommand.class,
            "udp-server", UdpServerCommand.class,
            "udp-client", UdpClientCommand.class,
            "analyze", AnalyzeCommand.class,
            "summary", SummaryCommand.class,
            "compare", CompareCommand.class,
            "grade", GradeCommand.class,
            "report", ReportCommand.class,
            "record", RecordCommand.class,
            "bench", BenchCommand.class,
            "lab", LabCommand.class);

    /**
     * The programs whose start-up is measured (by their command class), described as data: parsed without picocli when
     * plain, and picocli's model built from the same description otherwise; null for every other command.
     */
    static Program program(Class<?> command) {
        if (command == TcpServerCommand.class) return TcpServerCommand.PROGRAM;
        if (command == TcpClientCommand.class) return TcpClientCommand.PROGRAM;
        return null;
    }

    private static final String CONVERTERS_EXCLUDED = "picocli.converters.excludes";

    private final CommandSpec spec = Specs.command(this, "lab-app",
            "The programs of socklab, the two-host TCP/UDP socket lab: servers, clients and a capture analyzer.");

    {
        spec.versionProvider(new Version());
        Specs.standardHelp(spec);
    }

    @Override
    public void run() {
        // No subcommand: show what there is rather than doing nothing silently.
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code; tests call this instead of main. */
    public static int execute(String... args) {
        Program program = args.length > 0 ? program(SUBCOMMANDS.get(args[0])) : null;
        if (program != null) {
            // tcp-server and tcp-client: a plain line runs without building picocli's model (Program says why).
            Integer code = program.runPlain(java.util.Arrays.asList(args).subList(1, args.length), stdout(), stderr());
            if (code != null) return code;
        }
        CommandLine cli = commandLine(args);
        // A program's own CommandLine (tcp-server, tcp-client) parses what follows its name; lab-app's, all of it.
        boolean own = cli.getCommandSpec().parent() != null;
        return cli.execute(own ? java.util.Arrays.copyOfRange(args, 1, args.length) : args);
    }

    /** The whole command line, every subcommand included. */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for args: tcp-server's or tcp-client's own when they name one of them (it parses what follows
     * the name), lab-app's with only the subcommand they name when they start with another, else with all of them.
     */
    static CommandLine commandLine(String... args) {
        // picocli registers converters for java.time and java.sql types by reflection, initialising those classes
        // (about 80, and DateTimeFormatters) in every start; no option of ours uses them (durations have their own
        // converter), so they are left out (a type left out fails every test that builds the commands, DocsTest).
        if (System.getProperty(CONVERTERS_EXCLUDED) == null) System.setProperty(CONVERTERS_EXCLUDED, "java.time.*,java.sql.*");
        Class<?> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        Object command = command(named, args);   // once: for lab and bench it is a model built by reflection
        CommandLine cli;
        if (command instanceof CommandSpec program) {
            // tcp-server and tcp-client, whose start-up is measured against a one-class program (bench startup): a
            // CommandLine of their own under a bare parent spec that only names them "lab-app tcp-server". A
            // CommandLine is a parser of its own (its converters, its option transformer's patterns): lab-app's
            // would cost about 10 ms of every start and parse nothing. The name, usage and errors stay the same.
            program.parent(CommandSpec.create().name("lab-app"));
            program.versionProvider(new Version());
            cli = new CommandLine(program);
        } else {
            cli = new CommandLine(new Main().spec);
            if (named != null) {
                cli.addSubcommand(args[0], command);
            } else {
                String[] none = new String[0];
                for (Map.Entry<String, Class<?>> e : SUBCOMMANDS.entrySet()) cli.addSubcommand(e.getKey(), command(e.getValue(), none));
                cli.addSubcommand(CommandLine.HelpCommand.class);
            }
        }
        cli.setOut(stdout());
        cli.setErr(stderr());
        cli.setExecutionExceptionHandler(new Errors());
        cli.setParameterExceptionHandler(Errors::onBadParameters);
        // --mode echo as users type it, not ECHO as Java spells it.
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    /** lab with only the command args name after it ({@code lab up ...}), or all of them when they name none. */
    private static CommandLine lab(String[] args) {
        CommandLine lab = new CommandLine(new LabCommand());
        Class<?> named = args.length > 1 ? LabCommand.SUBCOMMANDS.get(args[1]) : null;
        if (named != null) {
            lab.addSubcommand(args[1], named);
        } else {
            LabCommand.SUBCOMMANDS.forEach(lab::addSubcommand);
            lab.addSubcommand(CommandLine.HelpCommand.class);
        }
        return lab;
    }

    /**
     * bench with only the program args name after it ({@code bench tcp-send ...}), or all of them. Its programs are
     * methods whose parameters are options: reading every method's parameter annotations made the bench's own
     * client parse annotations long enough for C2 to compile the JDK's annotation parser while the transfer it
     * times was running (docs/performance.md, the container path).
     */
    private static CommandLine bench(String[] args) {
        CommandLine bench = new CommandLine(new BenchCommand());
        java.lang.reflect.Method named = null;
        if (args.length > 1) {
            for (java.lang.reflect.Method m : CommandLine.getCommandMethods(BenchCommand.class, null)) {
                if (m.getAnnotation(CommandLine.Command.class).name().equals(args[1])) named = m;
            }
        }
        if (named != null) {
            bench.addSubcommand(args[1], new CommandLine(named));
        } else {
            bench.getCommandSpec().addMethodSubcommands();
        }
        return bench;
    }

    /**
     * What picocli is given for a subcommand named first in args: the description built in code for tcp-server and
     * tcp-client; lab and bench with only the command args name next; else the annotated class.
     */
    static Object command(Class<?> c, String[] args) {
        Program program = program(c);
        if (program != null) return program.spec();
        if (c == LabCommand.class) return lab(args);
        if (c == BenchCommand.class) return bench(args);
        return c;
    }

    /**
     * Standard output as every command writes to it: picocli's own default (its encoding from sun.stdout.encoding,
     * else the JVM's default, UTF-8), made here so that a program run without picocli prints the same bytes.
     */
    static PrintWriter stdout() {
        return writer(System.out, System.getProperty("sun.stdout.encoding"));
    }

    /** Standard error, as {@link #stdout()}. */
    static PrintWriter stderr() {
        return writer(System.err, System.getProperty("sun.stderr.encoding"));
    }

    private static PrintWriter writer(java.io.OutputStream stream, String encoding) {
        Charset charset = Charset.defaultCharset();
        if (encoding != null) {
            try {
                charset = Charset.forName("cp65001".equalsIgnoreCase(encoding) ? "UTF-8" : encoding);
            } catch (RuntimeException unknown) {
                // as picocli: the default charset
            }
        }
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }

    static Map<String, Class<?>> subcommands(Object... nameThenClass) {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) m.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        return Collections.unmodifiableMap(m);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"lab-app " + (v == null ? "dev" : v)};
        }
    }
}

package dev.socklab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The lab-app entry point: one jar, one subcommand per program of the lab. */
@Command(name = "lab-app",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "The programs of socklab, the two-host TCP/UDP socket lab: servers, clients and a capture analyzer.",
        subcommands = {
                TcpServerCommand.class,
                TcpClientCommand.class,
                UdpServerCommand.class,
                UdpClientCommand.class,
                AnalyzeCommand.class,
                SummaryCommand.class,
                CompareCommand.class,
                GradeCommand.class,
                ReportCommand.class,
                BenchCommand.class,
                LabCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @Override
    public void run() {
        // No subcommand: show what there is rather than doing nothing silently.
        new CommandLine(this).usage(System.err);
        throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code; tests call this instead of main. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new Errors());
        cli.setParameterExceptionHandler(Errors::onBadParameters);
        // --mode echo as users type it, not ECHO as Java spells it.
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"lab-app " + (v == null ? "dev" : v)};
        }
    }
}

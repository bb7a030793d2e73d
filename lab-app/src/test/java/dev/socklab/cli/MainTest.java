package dev.socklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

class MainTest {

    @Test
    void eachSubcommandIsRegisteredUnderItsOwnName() {
        Main.SUBCOMMANDS.forEach((name, c) -> assertEquals(name, Main.command(c, new String[0]) instanceof CommandSpec described
                ? described.name() : c.getAnnotation(Command.class).name(), c.getName()));
    }

    @Test
    void aRunNamingOneSubcommandBuildsOnlyThatOne() {
        assertEquals(Set.of("analyze"), Main.commandLine("analyze", "x.pcap").getSubcommands().keySet());
        // lab's and bench's own commands too: a ./lab command or a bench program builds only its own model.
        var lab = Main.commandLine("lab", "up", "--topology", "routed").getSubcommands().get("lab");
        assertEquals(Set.of("up"), lab.getSubcommands().keySet());
        var bench = Main.commandLine("bench", "tcp-send", "10.0.0.1").getSubcommands().get("bench");
        assertEquals(Set.of("tcp-send"), bench.getSubcommands().keySet());
    }

    @Test
    void labAndBenchWithoutACommandOfTheirsGetAllOfThem() {
        for (String group : List.of("lab", "bench")) {
            var all = Main.commandLine().getSubcommands().get(group).getSubcommands().keySet();
            var named = Main.commandLine(group, "--help").getSubcommands().get(group).getSubcommands().keySet();
            assertEquals(all, named, group);
            assertTrue(all.size() > 8, group + ": " + all);
        }
        assertTrue(Main.commandLine().getSubcommands().get("bench").getSubcommands().containsKey("cds-train"));
        assertTrue(Main.commandLine().getSubcommands().get("lab").getSubcommands().containsKey("check"));
    }

    @Test
    void tcpServerAndTcpClientGetAParserOfTheirOwnNamedAsUnderLabApp() {
        for (String name : List.of("tcp-server", "tcp-client")) {
            var cli = Main.commandLine(name, "--port", "0");
            assertEquals(name, cli.getCommandName());
            assertEquals("lab-app " + name, cli.getCommandSpec().qualifiedName());
            assertTrue(cli.getSubcommands().isEmpty(), name);
            // -V prints lab-app's version (it printed nothing as a subcommand without a provider of its own).
            assertEquals(List.of("lab-app dev"), CliRun.of(name, "-V").out());
        }
        CliRun bogus = CliRun.of("tcp-server", "--bogus");
        assertEquals(2, bogus.exit());
        assertEquals("tcp-server: Unknown option: '--bogus' (see: lab-app tcp-server --help)", bogus.errLine());
    }

    @Test
    void anythingElseGetsEverySubcommandAndHelp() {
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"help", "tcp-server"},
                new String[] {"no-such-command"})) {
            var names = Main.commandLine(args).getSubcommands().keySet();
            assertTrue(names.containsAll(Main.SUBCOMMANDS.keySet()) && names.contains("help"), names.toString());
        }
    }

    @Test
    void theLazyCommandLineStillReportsBadOptionsInOneLine() {
        CliRun run = CliRun.of("tcp-server", "--port", "nope");
        assertEquals(2, run.exit());
        assertTrue(run.errLine().contains("nope"), run.errLine());
        assertEquals("lab-app", Main.commandLine().getCommandName());
    }

    @Test
    void theCommandsDescribedInCodeKeepPicocliHelpAndRules() {
        // What picocli printed for the annotated tcp-client: the same synopsis, its HOST first, -h/-V last.
        CliRun help = CliRun.of("tcp-client", "--help");
        assertEquals(0, help.exit());
        assertEquals("Usage: lab-app tcp-client [-hV] [--raw] [--stdin] [--connect-timeout=DURATION]", help.out().get(0));
        assertTrue(help.out().stream().anyMatch(l -> l.startsWith("      HOST ")), help.out().toString());
        assertTrue(help.out().stream().anyMatch(l -> l.contains("Server's TCP port (default: 9898)")), help.out().toString());
        assertEquals("  -V, --version            Print version information and exit.", help.out().get(help.out().size() - 1));
        // HOST is required, and a usage error is one line and exit 2, as before.
        CliRun noHost = CliRun.of("tcp-client");
        assertEquals(2, noHost.exit());
        assertEquals("tcp-client: Missing required parameter: 'HOST' (see: lab-app tcp-client --help)", noHost.errLine());
        CliRun badForm = CliRun.of("tcp-server", "--protocol", "nope");
        assertEquals(2, badForm.exit());
        assertTrue(badForm.errLine().contains("expected one of [auto, socklab, greeting, raw] (case-insensitive)"), badForm.errLine());
        assertEquals(List.of("lab-app dev"), CliRun.of("--version").out());
    }

    @Test
    void aRunOfTcpServerOrTcpClientReadsNoPicocliAnnotation() {
        // Reading one is what made their start-up slow (docs/performance.md): their models are built in code.
        for (String name : List.of("tcp-server", "tcp-client")) {
            CommandSpec spec = Main.commandLine(name).getCommandSpec();
            assertTrue(spec.userObject() instanceof java.util.concurrent.Callable<?>, name);
            assertEquals(null, spec.userObject().getClass().getAnnotation(Command.class), name + " is annotated again");
            assertEquals(null, Main.class.getAnnotation(Command.class), "lab-app is annotated again");
        }
    }
}

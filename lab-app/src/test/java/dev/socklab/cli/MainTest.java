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
        Main.SUBCOMMANDS.forEach((name, c) -> assertEquals(name, Main.command(c) instanceof CommandSpec described
                ? described.name() : c.getAnnotation(Command.class).name(), c.getName()));
    }

    @Test
    void aRunNamingOneSubcommandBuildsOnlyThatOne() {
        assertEquals(Set.of("tcp-server"), Main.commandLine("tcp-server", "--port", "0").getSubcommands().keySet());
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
}

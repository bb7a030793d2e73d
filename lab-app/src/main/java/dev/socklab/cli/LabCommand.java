package dev.socklab.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lab}: the lab itself, as ./lab runs it: start it, change it, check programs in it, measure it. */
@Command(name = "lab",
        mixinStandardHelpOptions = true,
        description = "Runs the containerized lab (what ./lab hands over to): each command below is a ./lab command.",
        synopsisSubcommandLabel = "COMMAND")
final class LabCommand implements Runnable {

    /**
     * Its commands by name, in help order, added by {@link Main#commandLine(String...)} as lab-app's own are: picocli
     * builds each model it is given by reflection, and building all ten was most of what lab-app did before
     * `./lab up` reached compose (docs/performance.md); a run that names one builds only that one.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = Main.subcommands(
            "up", UpCommand.class,
            "send", SendCommand.class,
            "check", CheckCommand.class,
            "down", DownCommand.class,
            "impair", ImpairCommand.class,
            "capture", CaptureCommand.class,
            "watch", WatchCommand.class,
            "compare", CompareLabCommand.class,
            "bench", BenchLabCommand.class,
            "render", RenderCommand.class);

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required (see ./lab --help)");
    }
}

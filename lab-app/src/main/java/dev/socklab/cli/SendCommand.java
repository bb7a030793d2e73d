package dev.socklab.cli;

import dev.socklab.lab.Lab;
import dev.socklab.lab.Send;
import dev.socklab.lab.Up;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./lab send}: the running lab's client sends again, a new run verified as ./lab up's. */
@Command(name = "send",
        mixinStandardHelpOptions = true,
        description = {"Sends the file again to the running lab: a new run with its own folder (captures, recv.txt, merged capture), checked as ./lab up checks its run.",
                "The lab keeps running; ./lab up starts one."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the file arrived intact and the wire shows it", "1:a check failed, or no lab is running",
                "2:bad command line"})
final class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--file", paramLabel = "PATH", description = "the file the client sends (default: sample.txt)")
    Path file;

    @Option(names = "--json", description = "print the run's outcome as one JSON object on the last line, as ./lab up does")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Lab lab = Lab.fromEnvironment();
        Path sent = UpCommand.sendable(file == null ? lab.root().resolve("sample.txt") : UpCommand.caller(file));
        Up.TcpRun run = Send.tcp(lab, sent, out);
        return UpCommand.verdict(run, sent, json, out);
    }
}

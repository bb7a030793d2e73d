package dev.socklab.cli;

import dev.socklab.lab.Docker;
import dev.socklab.lab.Exec;
import dev.socklab.lab.Lab;
import dev.socklab.lab.LabFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./lab impair}: changes or shows the running lab's impairment (the router's lab-impair). */
@Command(name = "impair", mixinStandardHelpOptions = true,
        description = "Changes the running lab's loss and rate limit on what its router forwards, or shows them and what was dropped.")
final class ImpairCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--loss", paramLabel = "PERCENT", description = "random loss, from 0 to 100")
    String loss;

    @Option(names = "--rate", paramLabel = "RATE", description = "a rate limit such as 10mbit, or off")
    String rate;

    @Option(names = "--clear", description = "no loss and no rate limit")
    boolean clear;

    @Override
    public Integer call() {
        Lab lab = Lab.fromEnvironment();
        String router = lab.containers().containerOf("router");
        if (router == null || !Docker.running(router)) {
            throw new LabFailure("no running lab with a router (project " + lab.project() + "): start one with ./lab up");
        }
        List<String> args = new ArrayList<>(List.of("lab-impair"));
        if (loss != null) args.addAll(List.of("--loss", loss));
        if (rate != null) args.addAll(List.of("--rate", rate));
        if (clear) args.add("--clear");
        Exec.Result r = Docker.exec(router, Duration.ofSeconds(30), args.toArray(String[]::new));
        if (!r.ok()) throw new LabFailure(r.why().replaceFirst("^lab-impair: ", ""));
        spec.commandLine().getOut().println(r.text());
        spec.commandLine().getOut().flush();
        return 0;
    }
}

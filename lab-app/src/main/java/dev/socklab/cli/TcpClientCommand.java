package dev.socklab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the real command lands (work in progress). */
@Command(name = "tcp-client")
final class TcpClientCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new LabException("tcp-client: not built yet");
    }
}

package dev.socklab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the real command lands (work in progress). */
@Command(name = "tcp-server")
final class TcpServerCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new LabException("tcp-server: not built yet");
    }
}

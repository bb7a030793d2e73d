package dev.socklab.lab;

import com.github.dockerjava.api.DockerClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.utility.DockerStatus;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.startupcheck.IsRunningStartupCheckStrategy;
import java.util.concurrent.TimeUnit;

/** The client host: runs `tcp-client` (or another program) once against the server, on client-net, and exits. */
public final class ClientContainer extends GenericContainer<ClientContainer> {
    static final String FILE_IN_CONTAINER_NAME = "sample.txt";
    static final String FILE_IN_CONTAINER = "/lab/" + FILE_IN_CONTAINER_NAME;

    private static final Pattern CONNECTED = Pattern.compile("Connected to \\S+ from (\\S+):\\d+");

    private final Subnet subnet;
    private final String serverAddress;
    private final List<String> extraArgs = new ArrayList<>();
    private List<String> program;
    private boolean classroom;

    ClientContainer(Network clientNet, Subnet clientSubnet, RouterContainer router, Subnet serverNet, String serverAddress) {
        super(LabImages.client());
        this.serverAddress = serverAddress;
        this.subnet = clientSubnet;
        withNetwork(clientNet);
        router.routeFromClientNet(this, serverNet);
        LockedDown.apply(this);
        withStartupCheckStrategy(new RunsToCompletion().withTimeout(Duration.ofMinutes(3)));
    }

    /** The file to send, mounted read-only (a copy into the container would need a writable root filesystem). */
    public ClientContainer sending(Path file) {
        withFileSystemBind(file.toAbsolutePath().toString(), FILE_IN_CONTAINER, BindMode.READ_ONLY);
        return this;
    }

    /** Gives up on a server that makes no progress for this long (tcp-client --timeout). */
    public ClientContainer withTimeout(Duration timeout) {
        extraArgs.addAll(List.of("--timeout", timeout.toMillis() + "ms"));
        return this;
    }

    /** start() returns once the program runs instead of when it has finished; see {@link #awaitExit}. */
    public ClientContainer inBackground() {
        withStartupCheckStrategy(new IsRunningStartupCheckStrategy());
        return this;
    }

    /** Waits for a client started {@link #inBackground()} to exit; returns its exit code. */
    public int awaitExit(Duration timeout) {
        return Engine.client().waitContainerCmd(getContainerId()).start()
                .awaitStatusCode(timeout.toSeconds(), TimeUnit.SECONDS);
    }

    /** The privileges of the client program (PID 1: lab-host execs into it). */
    public ProcessPrivileges programPrivileges() throws Exception {
        return ProcessPrivileges.of(this, 1);
    }

    public ClientContainer withRaw() {
        extraArgs.add("--raw");
        return this;
    }

    /** Runs another lab-app program instead of tcp-client; "{server}" stands for the server's address. */
    public ClientContainer running(String... args) {
        program = List.of(args).stream().map(a -> a.replace("{server}", serverAddress)).toList();
        return this;
    }

    /**
     * Runs a classroom Python program (tests/src/test/resources/classroom/FOLDER/SCRIPT) instead of lab-app, in /lab
     * beside the file {@link #sending} mounts; "{server}" in args stands for the server's address.
     */
    public ClientContainer runningClassroom(String folder, String script, String... args) {
        ClassroomProgram.apply(this, folder, script, List.of(args).stream().map(a -> a.replace("{server}", serverAddress)).toList());
        classroom = true;
        return this;
    }

    @Override
    protected void configure() {
        if (classroom) return;   // its command is already set
        if (program != null) {
            withCommand(program.toArray(String[]::new));
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("tcp-client", serverAddress,
                "--port", String.valueOf(ServerContainer.PORT), "--file", FILE_IN_CONTAINER));
        cmd.addAll(extraArgs);
        withCommand(cmd.toArray(String[]::new));
    }

    /** Runs the client to completion and removes its container. */
    public Run run() {
        try {
            start();
            long exit = getCurrentContainerInfo().getState().getExitCodeLong();
            String output = getLogs();
            return new Run((int) exit, output, addressIn(output));
        } finally {
            stop();
        }
    }

    /** The client's own address, as it printed it ("Connected to S from C:port"); it must lie in client-net. */
    private String addressIn(String output) {
        Matcher m = CONNECTED.matcher(output);
        if (!m.find()) return null;
        String address = m.group(1);
        try {
            if (!subnet.contains(InetAddress.getByName(address))) {
                throw new AssertionError("the client connected from " + address + ", outside client-net " + subnet);
            }
        } catch (UnknownHostException e) {
            throw new AssertionError("the client printed an unreadable address: " + address, e);
        }
        return address;
    }

    /** What one client run did: its exit code, its output, and its address on client-net. */
    public record Run(int exitCode, String output, String address) {
    }

    /** Started means finished here: the client is a one-shot program; its exit code is the verdict. */
    static final class RunsToCompletion extends StartupCheckStrategy {
        @Override
        public StartupStatus checkStartupState(DockerClient docker, String containerId) {
            return DockerStatus.isContainerStopped(getCurrentState(docker, containerId))
                    ? StartupStatus.SUCCESSFUL : StartupStatus.NOT_YET_KNOWN;
        }
    }
}

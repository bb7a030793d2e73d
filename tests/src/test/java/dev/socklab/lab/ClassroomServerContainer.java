package dev.socklab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.io.FileUtils;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The server host running a classroom Python server instead of tcp-server: on server-net, routed to client-net,
 * locked down like the lab's, saving recv.txt in its output folder. The program must print the textbook's
 * "Server is listening on port : 9898".
 */
public final class ClassroomServerContainer extends GenericContainer<ClassroomServerContainer> {
    static final int PORT = ServerContainer.PORT;

    private final Network serverNet;
    private final Path hostOutDir;

    ClassroomServerContainer(Network serverNet, RouterContainer router, Subnet clientNet, String folder, String script) {
        super(LabImages.server());
        this.serverNet = serverNet;
        withNetwork(serverNet);
        router.routeFromServerNet(this, clientNet);
        LockedDown.apply(this);
        hostOutDir = LockedDown.outputFolder(this, ServerContainer.OUT_DIR);
        ClassroomProgram.apply(this, folder, script, List.of());
        waitingFor(Wait.forLogMessage(".*Server is listening on port : " + PORT + ".*", 1));
    }

    public String address() {
        return Engine.addressOn(getContainerId(), serverNet);
    }

    public int port() {
        return PORT;
    }

    /** The bytes of recv.txt as the program saved it. */
    public byte[] received() throws IOException {
        return Files.readAllBytes(hostOutDir.resolve("recv.txt"));
    }

    @Override
    public void stop() {
        super.stop();
        FileUtils.deleteQuietly(hostOutDir.toFile());
    }
}

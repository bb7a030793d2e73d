package dev.socklab.lab;

import com.github.dockerjava.api.model.Container;
import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.LogUtils;

/**
 * A lab file run the way a student runs it by hand (Debian's docker-compose 1.29 through Testcontainers),
 * on its own project name and a claimed address prefix, so it never meets a lab that `./lab up` left running.
 */
final class ComposeLab implements AutoCloseable {
    private final DockerComposeContainer<?> compose;
    private final FreeNet.Claim net;
    private final String project;

    private ComposeLab(DockerComposeContainer<?> compose, FreeNet.Claim net, String project) {
        this.compose = compose;
        this.net = net;
        this.project = project;
    }

    /** Starts every service of {@code file} with these variables (RUN_ID, ...) and returns once the client may run. */
    static ComposeLab start(LabFile file, Map<String, String> variables) {
        FreeNet.Claim net = TestNet.claim();
        String id = "socklabit" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, String> env = new HashMap<>(variables);
        env.put("LAB_NET", net.plan().net());
        env.put("LAB_NET6", net.plan().net6());
        env.put("BASE_IMAGE", LabImages.BASE_IMAGE);
        env.put("SOCKLAB_TAG", LabImages.TAG);
        // An IPv6 variant is added to its lab: -f lab.yml -f lab-ipv6.yml.
        File[] files = (file.base() == null ? java.util.stream.Stream.of(file) : java.util.stream.Stream.of(file.base(), file))
                .map(f -> new File(LabImages.ROOT.resolve(f.path()).toString())).toArray(File[]::new);
        DockerComposeContainer<?> c = new DockerComposeContainer<>(id, files)
                .withEnv(env).withPull(false).withBuild(false).withStartupTimeout(Duration.ofMinutes(5))
                .waitingFor("server_1", Wait.forLogMessage(".*listening on port.*", 1));
        try {
            LabImages.server();   // the images of LabImages.TAG: built once per test run, from our Dockerfiles
            LabImages.client();
            LabImages.capture();
            c.start();
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
        return new ComposeLab(c, net, id);
    }

    AddressPlan plan() {
        return net.plan();
    }

    /** The id of a service's container, running or exited. */
    String containerOf(String service) {
        List<Container> found = Engine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("com.docker.compose.service", service)).exec().stream()
                .filter(x -> x.getLabels().getOrDefault("com.docker.compose.project", "").startsWith(project.toLowerCase()))
                .toList();
        if (found.size() != 1) throw new IllegalStateException(found.size() + " containers for service " + service);
        return found.get(0).getId();
    }

    /** Waits for a one-shot service (the client) to exit and returns its exit code. */
    long awaitExit(String service, int timeoutSeconds) {
        return Engine.client().waitContainerCmd(containerOf(service)).start().awaitStatusCode(timeoutSeconds, TimeUnit.SECONDS);
    }

    String logs(String service) {
        return LogUtils.getOutput(Engine.client(), containerOf(service));
    }

    @Override
    public void close() {
        try {
            compose.stop();   // removes the project's containers and networks
        } finally {
            net.close();
        }
    }
}

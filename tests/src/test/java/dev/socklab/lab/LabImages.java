package dev.socklab.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * The lab's three images, built once per test run from the same Dockerfiles the lab uses.
 * Docker's layer cache makes a rebuild cost only the layer that copies the freshly built jar.
 */
final class LabImages {

    /** The repository root: where the Dockerfiles, docker-compose.yml and sample.txt live. */
    static final Path ROOT = Paths.get(System.getProperty("socklab.root", "..")).toAbsolutePath().normalize();

    /** Set by ./lab to the image it built with debootstrap when no registry was reachable. */
    static final String BASE_IMAGE = env("BASE_IMAGE", "debian:trixie-slim");

    /** SOCKLAB_TAG keeps the images of two checkouts tested side by side apart. */
    static final String TAG = env("SOCKLAB_TAG", "it");

    private static DockerImageName server;
    private static DockerImageName client;
    private static DockerImageName capture;

    private LabImages() {
    }

    static synchronized DockerImageName server() {
        if (server == null) server = build("server");
        return server;
    }

    static synchronized DockerImageName client() {
        if (client == null) client = build("client");
        return client;
    }

    /** Also the router's image: tcpdump, iproute2 and iptables. */
    static synchronized DockerImageName capture() {
        if (capture == null) capture = build("capture");
        return capture;
    }

    static Path sample() {
        return ROOT.resolve("sample.txt");
    }

    private static DockerImageName build(String role) {
        Path dockerfile = ROOT.resolve("Dockerfile." + role);
        if (!Files.exists(ROOT.resolve("lab-app/target/lab-app.jar"))) {
            throw new IllegalStateException("lab-app/target/lab-app.jar is missing: run mvn package first");
        }
        // deleteOnExit=false: the next run reuses the tag and its cached layers.
        String name = new ImageFromDockerfile("socklab/" + role + ":" + TAG, false)
                .withDockerfile(dockerfile)
                .withBuildArg("BASE_IMAGE", BASE_IMAGE)
                .get();
        return DockerImageName.parse(name);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}

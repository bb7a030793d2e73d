package dev.socklab.lab;

import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;

/**
 * Runs a classroom Python program (tests/src/test/resources/classroom/FOLDER) on a lab host, with the images' python3,
 * instead of lab-app: the same route through the router and the same unprivileged user as the images' lab-host
 * entrypoint gives lab-app, so only the program differs from a run of socklab's own.
 */
final class ClassroomProgram {
    static final String CODE = "/classroom";

    /**
     * As root: the route (NET_ADMIN is only for that), then the owner of LAB_OUT (root's folder handed to 'lab'), its
     * working folder, and python3 with no capabilities at all; -u: the test reads the output while it runs.
     */
    private static final String LAUNCH = String.join("\n",
            "set -e",
            "if [ -n \"${ROUTE_TO:-}\" ]; then ip route replace \"$ROUTE_TO\" via \"$ROUTE_VIA\"; fi",
            "user=lab group=lab",
            "if [ -n \"${LAB_OUT:-}\" ]; then",
            "  if [ \"$(stat -c %u \"$LAB_OUT\")\" = 0 ]; then chown lab:lab \"$LAB_OUT\"; fi",
            "  user=$(stat -c %u \"$LAB_OUT\") group=$(stat -c %g \"$LAB_OUT\")",
            "  cd \"$LAB_OUT\"",
            "fi",
            "exec setpriv --reuid=\"$user\" --regid=\"$group\" --clear-groups --inh-caps=-all --bounding-set=-all "
                    + "--no-new-privs python3 -u \"$@\"");

    private ClassroomProgram() {
    }

    /** Makes {@code host} run {@code script} of the classroom folder with {@code args}. */
    static void apply(GenericContainer<?> host, String folder, String script, List<String> args) {
        host.withFileSystemBind(LabImages.ROOT.resolve("tests/src/test/resources/classroom").resolve(folder).toString(),
                CODE, BindMode.READ_ONLY);
        host.withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh", "-c", LAUNCH, "sh"));
        List<String> cmd = new ArrayList<>();
        cmd.add(CODE + "/" + script);
        cmd.addAll(args);
        host.withCommand(cmd.toArray(String[]::new));
    }
}

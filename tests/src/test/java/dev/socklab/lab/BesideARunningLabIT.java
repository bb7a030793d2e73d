package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;

/**
 * The README's two commands in any order: a lab that `./lab up` left running (on the default addresses
 * when they are free, as a user's is) keeps serving while the scenarios that used to collide with it run
 * beside it, and nothing they made is left behind.
 */
@RequiresDocker
class BesideARunningLabIT {

    @Test
    void aRunningLabKeepsServingWhileOtherLabsComeAndGoBesideIt() throws Exception {
        LabCli user = new LabCli("user");
        FreeNet.Claim fallback = null;
        List<String> runs = new ArrayList<>();
        AddressPlan preferred = new AddressPlan(AddressPlan.DEFAULT_NET);
        if (!FreeNet.fits(preferred, Docker.subnetsInUse())) {   // a real user's lab holds 10.10: stay clear of it
            fallback = TestNet.claim();
            user.with("LAB_NET", fallback.plan().net());
        }
        LabCli beside = new LabCli("beside");
        try {
            LabCli.Result up = user.run("up", "--json");
            assertEquals(0, up.exitCode(), up.toString());
            JsonNode run = up.json();
            runs.add(run.path("run").asText());
            AddressPlan plan = new AddressPlan(run.path("lab_net").asText());

            // Beside it: a lab by hand on the routed file, and ./lab up of the placement with a third network.
            try (ComposeLab byHand = ComposeLab.start(Labs.routed(), Map.of("RUN_ID", "it-beside-" + user.project()))) {
                assertEquals(0, byHand.awaitExit("client", 120), byHand.logs("client"));
            } finally {
                FileUtils.deleteQuietly(LabImages.ROOT.resolve("captures/it-beside-" + user.project()).toFile());
            }
            // ./lab impair changes the running lab's router; a bad value is one line and a non-zero exit.
            LabCli.Result impair = user.run("impair", "--loss", "0");
            assertEquals(0, impair.exitCode(), impair.toString());
            assertTrue(impair.output().contains("loss 0% (dropped 0 of"), impair.toString());
            LabCli.Result bad = user.run("impair", "--loss", "500");
            assertEquals(1, bad.exitCode(), bad.toString());
            assertEquals(1, bad.output().strip().lines().count(), "one line: " + bad);
            try (FreeNet.Claim net = TestNet.claim()) {
                beside.with("LAB_NET", net.plan().net());
                // The UDP exercise, then another placement in the same project: it replaces the first lab.
                LabCli.Result udp = beside.run("up", "udp", "--json");
                assertEquals(0, udp.exitCode(), udp.toString());
                assertEquals(100, udp.json().path("datagrams_by_client_port").path("11000").asInt(), udp.toString());
                assertEquals(100, udp.json().path("datagrams_by_client_port").path("13000").asInt(), udp.toString());
                runs.add(udp.json().path("run").asText());
                LabCli.Result nat = beside.run("up", "--topology", "nat", "--json");
                assertEquals(0, nat.exitCode(), nat.toString());
                runs.add(nat.json().path("run").asText());
                assertEquals(0, beside.run("down").exitCode());
            }

            // The first lab still serves: a client sends again to its server, which is still the one up started.
            Compose compose = new Lab(LabImages.ROOT, user.project()).compose(Labs.routed(), plan,
                    Map.of("RUN_ID", run.path("run").asText(), "SOCKLAB_TAG", LabImages.TAG, "BASE_IMAGE", LabImages.BASE_IMAGE));
            Exec.Result again = compose.run(Duration.ofMinutes(2), "run", "--rm", "--no-deps", "-T", "client");
            assertEquals(0, again.exit(), again.out() + again.err());
            assertTrue(again.out().contains("Verified: server stored"), again.out());
        } finally {
            user.run("down");
            beside.run("down");
            if (fallback != null) fallback.close();
            runs.forEach(r -> FileUtils.deleteQuietly(LabImages.ROOT.resolve("captures").resolve(r).toFile()));
        }
        assertEquals(List.of(), user.leftovers(), "the user lab's containers and networks are gone after down");
        assertEquals(List.of(), beside.leftovers(), "nothing of the lab beside it is left");
    }
}

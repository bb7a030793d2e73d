package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The topology model is the lab's one source: the committed compose files are exactly what it renders. */
class LabsTest {
    private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();

    private static Map<String, String> rendered() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(LabFile.KINDS, LabFile.renderKinds());
        for (LabFile f : Labs.all()) files.put(f.path(), f.render());
        return files;
    }

    @Test
    void committedComposeFilesAreWhatTheModelRenders() throws IOException {
        for (var e : rendered().entrySet()) {
            Path file = ROOT.resolve(e.getKey());
            assertTrue(Files.isRegularFile(file), e.getKey() + " is missing: ./lab render writes it");
            assertEquals(e.getValue(), Files.readString(file, StandardCharsets.UTF_8),
                    e.getKey() + " differs from the topology model: edit dev.socklab.lab.Labs and run ./lab render");
        }
        try (var labs = Files.list(ROOT.resolve("labs"))) {
            List<String> extra = labs.map(p -> "labs/" + p.getFileName()).filter(p -> !rendered().containsKey(p)).toList();
            assertEquals(List.of(), extra, "every lab file comes from the model");
        }
    }

    @Test
    void allTopologyYamlStaysSmallWithNoRepeatedBlock() {
        int lines = rendered().values().stream().mapToInt(t -> (int) t.lines().count()).sum();
        // 250 for the IPv4 labs (228 when IPv6 came), plus the six IPv6 variants (58): compose 1.29 takes
        // enable_ipv6 only as a literal and replaces a network's whole entry, so each variant restates its networks.
        assertTrue(lines <= 290, "topology YAML is " + lines + " lines (at most 290)");
        Map<String, String> seen = new HashMap<>();
        for (var e : rendered().entrySet()) {
            List<String> l = e.getValue().lines().toList();
            for (int i = 0; i + 6 <= l.size(); i++) {
                String block = String.join("\n", l.subList(i, i + 6));
                String where = e.getKey() + ":" + (i + 1);
                String before = seen.putIfAbsent(block, where);
                assertTrue(before == null, "the same 6 lines at " + before + " and " + where + ":\n" + block);
            }
        }
    }

    @Test
    void everyAddressInTheFilesIsDerivedFromLabNet() {
        Pattern literal = Pattern.compile("(?<![-.\\d])\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
        for (var e : rendered().entrySet()) {
            Matcher m = literal.matcher(e.getValue().replace("${LAB_NET:-10.10}", "LAB_NET"));
            List<String> found = new ArrayList<>();
            while (m.find()) {
                if (!m.group().equals("127.0.0.1")) found.add(m.group());
            }
            // Header comments may show the VirtualBox addresses the nat lab imitates; services may not.
            found.removeIf(a -> a.startsWith("10.0.2."));
            assertEquals(List.of(), found, e.getKey() + " spells an address without LAB_NET");
            String six = e.getValue().replace("${LAB_NET6:-fd00:10:10}", "LAB_NET6");
            assertFalse(six.matches("(?s).*fd[0-9a-f]{2}:[0-9a-f].*"), e.getKey() + " spells an IPv6 address without LAB_NET6");
        }
    }

    @Test
    void ipv6IsTheSameDigitsInTheUlaPrefix() {
        AddressPlan plan = new AddressPlan("10.61");
        assertEquals("fd00:10:61", plan.net6());
        assertEquals("fd00:10:61:1::/64", plan.subnet6(AddressPlan.Network.SERVER_NET));
        assertEquals("fd00:10:61:2::254", plan.address6(AddressPlan.Network.CLIENT_NET, Labs.ROUTER));
        assertEquals("${LAB_NET6:-fd00:10:10}:1::10", AddressPlan.ipv6Twin(AddressPlan.composeAddress(AddressPlan.Network.SERVER_NET, 10)));
        assertEquals("${LAB_NET6:-fd00:10:10}:2::/64", AddressPlan.ipv6Twin(AddressPlan.composeSubnet(AddressPlan.Network.CLIENT_NET)));
        assertEquals("[${LAB_NET6:-fd00:10:10}:3::15]:9898", AddressPlan.ipv6Twin("${LAB_NET:-10.10}.3.15:9898"));
        assertEquals("${LAB_NET6:-fd00:10:10}::/48", AddressPlan.ipv6Twin("${LAB_NET:-10.10}.0.0/16"));
        assertEquals("::1", AddressPlan.ipv6Twin("127.0.0.1"));
        assertEquals("server:${LAB_NET6:-fd00:10:10}:1::30", AddressPlan.ipv6Twin("server:${LAB_NET:-10.10}.1.30"));
        assertEquals("/captures/${RUN_ID:-manual}", AddressPlan.ipv6Twin("/captures/${RUN_ID:-manual}"), "no address: unchanged");
    }

    @Test
    void anIpv6VariantAddsToItsLab() {
        LabFile v6 = Labs.routed().ipv6();
        assertEquals("labs/ipv6.yml", v6.path());
        assertEquals(Labs.routed().networks(), v6.networks());
        String text = v6.render();
        assertTrue(text.contains("enable_ipv6: true"), text);
        assertTrue(text.contains("net.ipv6.conf.all.forwarding"), "the router forwards IPv6");
        assertTrue(text.contains("ROUTE6_TO"), "each routed host gets the IPv6 twin of its route");
        assertTrue(text.contains("[tcp-client, \"${LAB_NET6:-fd00:10:10}:1::10\""), "the client connects to the server's IPv6 address");
        assertFalse(text.contains("extends"), "a variant only adds: compose merges it into the lab's services");
        // lab-capture keeps IPv4's route and fence and adds IPv6's.
        String check = Labs.check().ipv6().render();
        assertTrue(check.contains("--fence, \"${LAB_NET:-10.10}.0.0/16\"") && check.contains("--fence, \"${LAB_NET6:-fd00:10:10}::/48\""), check);
        assertEquals("labs/same-host-ipv6.yml", Labs.sameHost().ipv6().path());
        assertTrue(Labs.sameHost().ipv6().render().contains("[tcp-client, \"::1\""));
    }

    @Test
    void everyPlacementHasTheSameRoleNames() {
        for (Placement p : Placement.values()) {
            LabFile f = p.file();
            for (String role : List.of("server", "capture", "server-ready", "client")) assertTrue(f.has(role), p + ": " + role);
            assertEquals(p != Placement.SAME_HOST, p.capturesClientSide(), p.label());
        }
    }

    @Test
    void noServiceWaitsByPolling() {
        for (var e : rendered().entrySet()) assertFalse(e.getValue().contains("healthcheck"), e.getKey());
    }

    @Test
    void addressesComeFromOnePlan() {
        AddressPlan plan = new AddressPlan("10.20");
        assertEquals("10.20.1.0/24", plan.subnet(AddressPlan.Network.SERVER_NET));
        assertEquals("10.20.2.254", plan.address(AddressPlan.Network.CLIENT_NET, Labs.ROUTER));
        assertEquals(new Placement.View("10.20.2.30", "10.20.2.253", 8080), Placement.NAT.atClient(plan));
    }

    @Test
    void aBadLabNetIsOneLine() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new AddressPlan("10.300"));
        assertTrue(e.getMessage().startsWith("LAB_NET must be two octets"), e.getMessage());
    }

    @Test
    void freeNetSkipsEveryPrefixANetworkTouches() {
        List<String> inUse = List.of("172.17.0.0/16", "10.100.0.0/24", "10.101.7.0/24", "10.96.0.0/11");
        // 10.96.0.0/11 covers 10.96-10.127: the first free /16 from 100 is 10.128.
        assertEquals("10.128", FreeNet.first(100, inUse).net());
        assertEquals("10.200", FreeNet.first(200, inUse).net());
        assertTrue(FreeNet.fits(new AddressPlan("10.10"), List.of("10.10.200.0/24", "172.17.0.0/16")));
        assertFalse(FreeNet.fits(new AddressPlan("10.10"), List.of("10.10.0.0/16")));
    }

    @Test
    void overlapIsAboutAddressesNotText() {
        assertTrue(AddressPlan.overlaps("10.10.1.0/24", "10.10.0.0/16"));
        assertFalse(AddressPlan.overlaps("10.10.1.0/24", "10.10.2.0/24"));
        assertFalse(AddressPlan.overlaps("10.10.1.0/24", "fd00::/64"), "IPv6 overlaps nothing of ours");
    }

    @Test
    void yamlScalarsAreQuotedWhenYamlWouldReadThemOtherwise() {
        assertEquals("tcp-server", Yaml.scalar("tcp-server"));
        assertEquals("\"9898\"", Yaml.scalar("9898"), "a number stays a string");
        assertEquals("\"yes\"", Yaml.scalar("yes"));
        assertEquals("\"service:server\"", Yaml.scalar("service:server"));
        assertEquals("\"${LAB_NET:-10.10}.1.10\"", Yaml.scalar("${LAB_NET:-10.10}.1.10"));
        assertEquals("{a: [b, \"1\"]}", Yaml.flow(Yaml.map("a", List.of("b", "1"))));
    }
}

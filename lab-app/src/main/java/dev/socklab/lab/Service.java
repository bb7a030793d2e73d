package dev.socklab.lab;

import dev.socklab.lab.AddressPlan.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One container of a lab, as the compose file names it: which kind it is (its image and shared
 * settings), what it runs, where it sits on the networks, and what it waits for.
 */
public final class Service {
    /** How a service waits for another: started, or run to a successful end (a one-shot waiter). */
    public enum Wait { STARTED, COMPLETED }

    final String name;
    final Kind kind;
    String comment = "";
    final List<String> command = new ArrayList<>();
    final Map<String, String> environment = new LinkedHashMap<>();
    final Map<Network, Integer> addresses = new LinkedHashMap<>();
    String networkMode;
    final Map<String, Wait> dependsOn = new LinkedHashMap<>();
    final Map<String, Object> extra = new LinkedHashMap<>();

    Service(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** The host number on each network this service has an address on. */
    public Map<Network, Integer> addresses() {
        return addresses;
    }

    /** "service:NAME" when it lives in another container's network namespace, "none", or null. */
    public String networkMode() {
        return networkMode;
    }

    Service comment(String text) {
        this.comment = text;
        return this;
    }

    Service command(String... args) {
        command.addAll(List.of(args));
        return this;
    }

    Service env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    Service on(Network network, int host) {
        addresses.put(network, host);
        return this;
    }

    /** Joins {@code other}'s network namespace: sees its interfaces, as a second program on that host. */
    Service in(String other) {
        networkMode = "service:" + other;
        return this;
    }

    Service noNetwork() {
        networkMode = "none";
        return this;
    }

    Service after(String other, Wait wait) {
        dependsOn.put(other, wait);
        return this;
    }

    Service set(String key, Object value) {
        extra.put(key, value);
        return this;
    }
}

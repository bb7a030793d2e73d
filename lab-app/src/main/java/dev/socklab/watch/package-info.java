/**
 * The live page of ./lab watch: {@link dev.socklab.watch.WireView} turns the capture points' packets into the
 * page's events (flows, ladder rows, each packet at every point), {@link dev.socklab.watch.WatchServer} serves the
 * page and streams those events to it (the JDK's HTTP server, server-sent events). Depends on pcap only.
 */
package dev.socklab.watch;

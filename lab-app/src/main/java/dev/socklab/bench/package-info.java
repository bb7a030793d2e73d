/**
 * The benchmark's own programs ({@code lab-app bench ...}, run by {@code ./lab bench}): many verified clients at once,
 * the classroom 1024-byte loop as a baseline, a UDP rate ladder, and the report that turns their numbers into
 * bench.json and a table. The lab's real programs (tcp, udp) are what gets measured; nothing here replaces them.
 */
package dev.socklab.bench;

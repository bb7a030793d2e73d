/**
 * Judging a user's own socket programs: {@code ./lab check} runs them on the lab's two hosts and
 * records each run ({@link dev.socklab.check.RunRecord}); the checks read the run's capture and
 * files and say, with the packet numbers that prove it, what the programs did right and wrong
 * ({@link dev.socklab.check.TcpChecks}, {@link dev.socklab.check.UdpChecks}); a
 * {@link dev.socklab.check.CheckReport} sets the user's run beside a reference run of socklab's
 * own programs and writes it as a terminal checklist, Markdown and JSON.
 */
package dev.socklab.check;

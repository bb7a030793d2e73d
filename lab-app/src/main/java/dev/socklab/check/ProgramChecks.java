package dev.socklab.check;

/** Whether a program that should end on its own (a client) did, and how. */
final class ProgramChecks {
    private ProgramChecks() {
    }

    static Check finished(Program p, int timeoutSeconds) {
        String id = p.role() + "-exit";
        String title = p.role() + " finishes on its own";
        if (p.hung()) {
            return Check.fail(id, title, "hang: " + p.describe() + " was still running after " + timeoutSeconds
                    + " s and was stopped" + lastWords(p));
        }
        int code = p.exit().orElse(-1);
        if (code == 0) return Check.pass(id, title, p.describe() + " exited with code 0");
        return Check.fail(id, title, p.describe() + " exited with code " + code + lastWords(p));
    }

    /** Its last line of output, where the reason usually is; the report shows more. */
    private static String lastWords(Program p) {
        String tail = p.outputTail(1);
        return tail.isBlank() ? "" : " — it said: " + tail;
    }
}

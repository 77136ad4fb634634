package dev.hybridpane.app.cli;

import dev.hybridpane.core.ops.Journal;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** What the journaled pool commands share: printing a run's log as it grows, and naming this workstation for the lease. */
final class JournalLines {
    private JournalLines() {
    }

    /** Prints this run's new log lines (not an earlier run's journal, kept as history under ID-run-MILLIS). */
    static synchronized void print(Journal j, AtomicInteger printed, PrintWriter out) {
        if (j.id().contains(PoolApplyCommand.HISTORY)) {
            return;
        }
        for (int i = printed.get(); i < j.log().size(); i++) {
            out.println(j.log().get(i).text());
        }
        printed.set(Math.max(printed.get(), j.log().size()));
        out.flush();
    }

    /** This workstation's host name, for the lease's holder ("ARN on HOST"). */
    static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }
}

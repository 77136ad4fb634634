package dev.hybridpane.lab.edge;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SSH faults of the lab's edge hosts, settable per run (tests, {@code hybridpane lab --ssh-fault/--ssh-drop-rate}), and
 * the record of every command each host's SSH server ran (with its exit status, -1 when the connection dropped before it),
 * so that a test can count what reached a host.
 */
public final class LabSshFaults {

    /** A fault of one host. */
    public enum Fault {
        /** Every command on the host never ends (until the fault is cleared or the channel closes). */
        HANG,
        /** The host's next nodeadm command runs to its end, then the connection drops before its exit status (once). */
        DROP,
        /** The host reboots during its next nodeadm upgrade (once): connections drop, it refuses them for a while. */
        REBOOT,
        /**
         * After the host's next login session that opens after the fault is armed closes, the host comes back with a new
         * host key pair (once). A session already open when it is armed does not count, even if it closes later.
         */
        NEWKEY
    }

    /** One command a host's SSH server ran: its line and exit status (-1: the connection dropped before it). */
    public record Ran(String command, int exit) {
    }

    private final Map<String, List<Ran>> ran = new ConcurrentHashMap<>();
    private final Map<String, String> dropDuring = new ConcurrentHashMap<>();
    private final Map<String, Boolean> hanging = new ConcurrentHashMap<>();
    private final Map<String, Long> newKeyAfterLogin = new ConcurrentHashMap<>();
    private final AtomicLong sessions = new AtomicLong();
    private volatile Duration rebootDowntime = Duration.ofSeconds(3);
    private volatile double dropRate;
    private volatile long seed;
    private Random random = new Random(0);

    /** The host's next command containing {@code commandPart} runs, then the connection drops before its exit status. */
    public void dropDuring(String host, String commandPart) {
        dropDuring.put(host, commandPart);
    }

    /** Every command on the host hangs (true) or answers again (false). */
    public void hang(String host, boolean on) {
        if (on) {
            hanging.put(host, true);
        } else {
            hanging.remove(host);
        }
    }

    boolean hangs(String host) {
        return hanging.containsKey(host);
    }

    /** With {@code rate} (0..1), any command on any host drops the connection after it ran; seeded for repeatable runs. */
    public synchronized void dropRate(double rate, long seed) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("the drop rate is between 0 and 1, not " + rate);
        }
        this.dropRate = rate;
        this.seed = seed;
        this.random = new Random(seed);
    }

    public double dropRate() {
        return dropRate;
    }

    public long seed() {
        return seed;
    }

    /** How long a rebooting host refuses connections. */
    public void rebootDowntime(Duration d) {
        rebootDowntime = d;
    }

    public Duration rebootDowntime() {
        return rebootDowntime;
    }

    /** Numbers a session as it opens (in the order sessions open on any host). */
    long sessionOpened() {
        return sessions.incrementAndGet();
    }

    void newKeyAfterLogin(String host) {
        newKeyAfterLogin.put(host, sessions.get());
    }

    /** Whether the host's new key is armed and not set off yet (its server sees a session close a moment after the client). */
    public boolean newKeyPending(String host) {
        return newKeyAfterLogin.containsKey(host);
    }

    /** Whether the closing session {@code number} sets off the host's armed new key (it opened after the arming). */
    boolean takeNewKeyAfterLogin(String host, long number) {
        Long armedAt = newKeyAfterLogin.get(host);
        return armedAt != null && number > armedAt && newKeyAfterLogin.remove(host, armedAt);
    }

    /** Whether this command, which ran to its end, loses its exit status: the connection drops instead. */
    boolean dropAfter(String host, String command) {
        String part = dropDuring.get(host);
        if (part != null && command.contains(part) && dropDuring.remove(host, part)) {
            return true;
        }
        if (dropRate <= 0) {
            return false;
        }
        synchronized (this) {
            return random.nextDouble() < dropRate;
        }
    }

    void record(String host, String command, int exit) {
        ran.computeIfAbsent(host, h -> new CopyOnWriteArrayList<>()).add(new Ran(command, exit));
    }

    /** Every command the host's SSH server ran, in order. */
    public List<Ran> ran(String host) {
        return List.copyOf(ran.getOrDefault(host, List.of()));
    }

    /** How many commands containing {@code part} ran on the host with this exit status. */
    public long count(String host, String part, int exit) {
        return ran(host).stream().filter(r -> r.command().contains(part) && r.exit() == exit).count();
    }

    /** How many commands ran on the host (whatever their end). */
    public int count(String host) {
        return ran(host).size();
    }
}

package dev.hybridpane.lab.edge;

/**
 * What a reboot leaves of a lab host: files under /etc, /opt, /var and the rest persist; /tmp and /run (tmpfs) are empty;
 * systemd starts the enabled units and no other. The kubelet is the exception: the lab's kubelet does not rejoin on its
 * own, so after a reboot its Node stays NotReady (its unit inactive) until nodeadm init or upgrade starts it again.
 */
final class LabHostReboot {
    private LabHostReboot() {
    }

    static void apply(LabHost host) {
        LabHostState s = host.state();
        s.removeTree("/tmp");
        s.removeTree("/run");
        boolean kubeletWasActive = s.unit("kubelet").active();
        s.bootUnits();
        if (s.unitKnown("kubelet")) {
            s.unit("kubelet", s.unit("kubelet").enabled(), false);
        }
        if (kubeletWasActive) {
            String[] id = LabNodeadmInit.providerId(host);
            if (id != null && host.backend() != null) {
                host.backend().kubeletStopped(id[0], id[1], id[2]);
            }
        }
    }
}

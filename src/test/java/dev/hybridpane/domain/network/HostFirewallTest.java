package dev.hybridpane.domain.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.network.HostFirewall.Frontend;
import dev.hybridpane.domain.network.HostProbeCommands.Port;
import dev.hybridpane.domain.profile.CniKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rulesets as firewalld, ufw (through iptables-nft) and plain nftables/iptables print them. */
class HostFirewallTest {
    static final List<Port> CILIUM = HostProbeCommands.requiredPorts(CniKind.CILIUM);
    static final Port KUBELET = new Port(10250, "tcp");
    static final Port VXLAN = new Port(8472, "udp");

    /** RHEL 9's firewalld (nftables backend), the public zone with ssh, dhcpv6-client and cockpit (trimmed). */
    static String firewalld(String extraAllow) {
        return """
                table inet firewalld {
                	ct helper helper-netbios-ns-udp {
                		type "netbios-ns" protocol udp
                		l3proto ip
                	}

                	chain mangle_PREROUTING {
                		type filter hook prerouting priority mangle + 10; policy accept;
                		jump mangle_PREROUTING_ZONES
                	}

                	chain filter_INPUT {
                		type filter hook input priority filter + 10; policy accept;
                		ct state { established, related } accept
                		ct status dnat accept
                		iifname "lo" accept
                		ct state invalid drop
                		jump filter_INPUT_ZONES
                		reject with icmpx admin-prohibited
                	}

                	chain filter_FORWARD {
                		type filter hook forward priority filter + 10; policy accept;
                		udp dport 10250 accept
                		reject with icmpx admin-prohibited
                	}

                	chain filter_INPUT_ZONES {
                		iifname "ens192" goto filter_IN_public
                		goto filter_IN_public
                	}

                	chain filter_IN_public {
                		jump filter_IN_public_allow
                		meta l4proto { icmp, ipv6-icmp } accept
                		reject with icmpx admin-prohibited
                	}

                	chain filter_IN_public_allow {
                		tcp dport 22 accept
                		ip6 daddr fe80::/64 udp dport 546 accept
                		tcp dport 9090 accept
                """ + extraAllow + """
                	}
                }
                """;
    }

    @Test
    void firewalldAsShippedRejectsTheKubeletAndTheOverlay() {
        HostFirewall fw = HostFirewall.fromNft(firewalld(""), CILIUM);
        assertThat(fw.filtering()).isTrue();
        assertThat(fw.frontend()).isEqualTo(Frontend.FIREWALLD);
        assertThat(fw.closed()).containsExactly(KUBELET, VXLAN);
        assertThat(fw.evidence()).contains("chain inet firewalld filter_INPUT: hook input, policy accept",
                "inet firewalld filter_INPUT: reject with icmpx admin-prohibited", "no rule accepts 10250/tcp");
        assertThat(fw.fixSnippet()).isEqualTo("sudo firewall-cmd --permanent --add-port=10250/tcp\n"
                + "sudo firewall-cmd --permanent --add-port=8472/udp\nsudo firewall-cmd --reload\n");
    }

    @Test
    void firewalldWithThePortsAddedLetsThemIn() {
        HostFirewall fw = HostFirewall.fromNft(firewalld("\t\ttcp dport 10250 accept\n\t\tudp dport 8472 accept\n"), CILIUM);
        assertThat(fw.filtering()).isTrue();
        assertThat(fw.closed()).isEmpty();
        assertThat(fw.open()).containsExactly(KUBELET, VXLAN);
        assertThat(fw.evidence()).contains("inet firewalld filter_IN_public_allow: tcp dport 10250 accept");
    }

    @Test
    void anAcceptInAChainPacketsToTheHostNeverPassDoesNotCount() {
        // filter_FORWARD accepts udp 10250, but the forward hook is not the input path
        HostFirewall fw = HostFirewall.fromNft(firewalld(""), List.of(new Port(10250, "udp")));
        assertThat(fw.closed()).containsExactly(new Port(10250, "udp"));
    }

    @Test
    void anEmptyRulesetOrOnlyAcceptingChainsFilterNothing() {
        HostFirewall empty = HostFirewall.fromNft("", CILIUM);
        assertThat(empty.filtering()).isFalse();
        assertThat(empty.frontend()).isEqualTo(Frontend.NONE);
        assertThat(empty.open()).containsExactly(KUBELET, VXLAN);
        HostFirewall debian = HostFirewall.fromNft("""
                table inet filter {
                	chain input {
                		type filter hook input priority filter; policy accept;
                		ct state invalid drop
                	}
                }
                """, CILIUM);
        assertThat(debian.filtering()).as("a conditional drop does not filter everything").isFalse();
    }

    @Test
    void ufwThroughIptablesNftWithSetsAndRanges() {
        String ruleset = """
                table ip filter {
                	chain INPUT {
                		type filter hook input priority filter; policy drop;
                		counter packets 10 bytes 600 jump ufw-before-input
                		counter packets 0 bytes 0 jump ufw-user-input
                	}

                	chain ufw-before-input {
                		iifname "lo" counter packets 0 bytes 0 accept
                	}

                	chain ufw-user-input {
                		meta l4proto tcp tcp dport 22 counter packets 0 bytes 0 accept
                		meta l4proto tcp tcp dport { 80, 10250 } counter packets 0 bytes 0 accept
                		meta l4proto udp udp dport 8000-9000 counter packets 0 bytes 0 accept
                	}
                }
                """;
        HostFirewall fw = HostFirewall.fromNft(ruleset, CILIUM);
        assertThat(fw.frontend()).isEqualTo(Frontend.UFW);
        assertThat(fw.filtering()).isTrue();
        assertThat(fw.closed()).isEmpty();
        HostFirewall calico = HostFirewall.fromNft(ruleset, HostProbeCommands.requiredPorts(CniKind.CALICO));
        assertThat(calico.closed()).containsExactly(new Port(4789, "udp"));
        assertThat(calico.fixSnippet()).isEqualTo("sudo ufw allow 4789/udp\n");
    }

    @Test
    void plainNftablesWithPolicyDropGetsAnInsertIntoItsInputChain() {
        HostFirewall fw = HostFirewall.fromNft("""
                table inet filter {
                	set allowed {
                		type inet_service
                		elements = { 22, 10250 }
                	}
                	chain input {
                		type filter hook input priority filter; policy drop;
                		tcp dport 22 accept
                	}
                }
                """, CILIUM);
        assertThat(fw.frontend()).isEqualTo(Frontend.NFTABLES);
        assertThat(fw.closed()).containsExactly(KUBELET, VXLAN);
        assertThat(fw.fixSnippet()).startsWith("sudo nft insert rule inet filter input tcp dport 10250 accept\n"
                + "sudo nft insert rule inet filter input udp dport 8472 accept\n");
    }

    @Test
    void iptablesSaveWithRejectMultiportAndUfwChains() {
        String rhel = """
                # Generated by iptables-save v1.8.8 on Mon Dec  7 13:00:00 2026
                *nat
                :PREROUTING ACCEPT [0:0]
                -A PREROUTING -p udp --dport 8472 -j ACCEPT
                COMMIT
                *filter
                :INPUT ACCEPT [0:0]
                :FORWARD ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                -A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT
                -A INPUT -p tcp -m multiport --dports 22,10250 -j ACCEPT
                -A INPUT -j REJECT --reject-with icmp-host-prohibited
                COMMIT
                """;
        HostFirewall fw = HostFirewall.fromIptables(rhel, CILIUM);
        assertThat(fw.frontend()).isEqualTo(Frontend.IPTABLES);
        assertThat(fw.filtering()).isTrue();
        assertThat(fw.open()).containsExactly(KUBELET);
        assertThat(fw.closed()).as("the nat table's rule is not the filter table").containsExactly(VXLAN);
        assertThat(fw.fixSnippet()).startsWith("sudo iptables -I INPUT -p udp --dport 8472 -j ACCEPT\n");

        HostFirewall open = HostFirewall.fromIptables("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\nCOMMIT\n", CILIUM);
        assertThat(open.filtering()).isFalse();

        HostFirewall ufw = HostFirewall.fromIptables("""
                *filter
                :INPUT DROP [0:0]
                :ufw-user-input - [0:0]
                -A INPUT -j ufw-user-input
                -A ufw-user-input -p tcp -m tcp --dport 10250 -j ACCEPT
                -A ufw-user-input -p udp -m udp --dport 8472:8474 -j ACCEPT
                COMMIT
                """, CILIUM);
        assertThat(ufw.frontend()).isEqualTo(Frontend.UFW);
        assertThat(ufw.closed()).isEmpty();
    }
}

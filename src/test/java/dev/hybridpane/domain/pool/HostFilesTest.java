package dev.hybridpane.domain.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.profile.ContainerdSource;
import org.junit.jupiter.api.Test;

/** The parsers of what nodeadm and the SSM agent leave on a host. */
class HostFilesTest {
    /** As sigs.k8s.io/yaml writes nodeadm's Tracker after an SSM install. */
    private static final String TRACKER = """
            Artifacts:
              CniPlugins: true
              Containerd: distro
              IamAuthenticator: true
              IamRolesAnywhere: false
              ImageCredentialProvider: true
              Iptables: true
              Kubectl: true
              Kubelet: true
              Ssm: true
            """;

    @Test
    void theTrackerSaysWhatInstallPutOnTheHost() {
        NodeadmTracker t = NodeadmTracker.parse(TRACKER);
        assertThat(t.containerd()).isEqualTo(ContainerdSource.DISTRO);
        assertThat(t.installed()).containsExactlyInAnyOrder("CniPlugins", "IamAuthenticator", "ImageCredentialProvider",
                "Iptables", "Kubectl", "Kubelet", "Ssm");
        assertThat(t.kubeletInstalled()).isTrue();
        assertThat(t.provider()).isEqualTo(CredentialProvider.SSM);
    }

    @Test
    void anEmptyContainerdIsNoneAndRolesAnywhereIsSeen() {
        NodeadmTracker t = NodeadmTracker.parse("Artifacts:\n  Containerd: \"\"\n  IamRolesAnywhere: true\n  Kubelet: true\n");
        assertThat(t.containerd()).isEqualTo(ContainerdSource.NONE);
        assertThat(t.provider()).isEqualTo(CredentialProvider.IAM_RA);
        assertThat(NodeadmTracker.parse("Artifacts: {}\n").provider()).isNull();
        assertThat(NodeadmTracker.parse("Artifacts: {}\n").kubeletInstalled()).isFalse();
    }

    @Test
    void aBrokenTrackerIsRefusedInOneLine() {
        assertThatThrownBy(() -> NodeadmTracker.parse("Artifacts:\n  Containerd: podman\n"))
                .hasMessage("invalid containerd source: podman");
        assertThatThrownBy(() -> NodeadmTracker.parse("Artifacts: [\n")).hasMessage("invalid yaml data in tracker /opt/nodeadm/tracker");
        assertThatThrownBy(() -> NodeadmTracker.parse("")).hasMessage("The tracker /opt/nodeadm/tracker lists no Artifacts.");
    }

    @Test
    void theSsmRegistrationNamesTheNode() {
        SsmRegistration r = SsmRegistration.parse("{\"ManagedInstanceID\":\"mi-0a1b2c3d4e5f60718\",\"Region\":\"us-west-2\"}\n");
        assertThat(r).isEqualTo(new SsmRegistration("mi-0a1b2c3d4e5f60718", "us-west-2"));
        assertThat(r.wellFormed()).isTrue();
        assertThat(new SsmRegistration("mi-123", "r").wellFormed()).isFalse();
    }

    @Test
    void aBrokenRegistrationIsRefusedInOneLine() {
        assertThatThrownBy(() -> SsmRegistration.parse("cat: /var/lib/amazon/ssm/registration: No such file or directory"))
                .hasMessage("The SSM registration file /var/lib/amazon/ssm/registration is not JSON.");
        assertThatThrownBy(() -> SsmRegistration.parse("{\"Region\":\"us-west-2\"}"))
                .hasMessage("The SSM registration file /var/lib/amazon/ssm/registration has no ManagedInstanceID.");
        assertThatThrownBy(() -> SsmRegistration.parse("[]"))
                .hasMessage("The SSM registration file /var/lib/amazon/ssm/registration holds no registration.");
    }
}

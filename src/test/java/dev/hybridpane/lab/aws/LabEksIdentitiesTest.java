package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.lab.kube.EksIdentityLookup;
import dev.hybridpane.lab.kube.EksIdentityLookup.KubernetesUser;
import dev.hybridpane.lab.world.LabWorld;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the account's access entries and authentication modes make of a principal, as EKS's user guide says. */
class LabEksIdentitiesTest {
    static final String ADMIN = "arn:aws:iam::111122223333:user/lab-admin";

    static EksIdentityLookup identities(String paymentsMode) throws Exception {
        String yaml;
        try (var in = LabWorld.class.getResourceAsStream("/dev/hybridpane/lab/world.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String changed = yaml.replace("    authenticationMode: API\n", "    authenticationMode: " + paymentsMode + "\n");
        assertThat(changed.equals(yaml)).as("payments' mode is in the world").isEqualTo(paymentsMode.equals("API"));
        LabWorld world = LabWorld.parse(new ByteArrayInputStream(changed.getBytes(StandardCharsets.UTF_8)));
        return new AwsEmulator(world, Map.of(), "").eksIdentities();
    }

    @Test
    void theClusterCreatorsAccessEntryHasTheClusterAdminPolicy() throws Exception {
        EksIdentityLookup ids = identities("API");
        assertThat(ids.principalArn(LabCredentials.LAB_ACCESS_KEY_ID)).hasValue(ADMIN);
        assertThat(ids.principalArn("AKIANEVERISSUED00000")).isEmpty();
        assertThat(ids.authenticationMode("us-west-2", "payments")).hasValue("API");
        assertThat(ids.authenticationMode("us-west-2", "nowhere")).isEmpty();
        assertThat(ids.kubernetesUser("us-west-2", "payments", ADMIN))
                .hasValue(new KubernetesUser(ADMIN, List.of(), List.of("AmazonEKSClusterAdminPolicy")));
        assertThat(ids.kubernetesUser("us-west-2", "payments", "arn:aws:iam::111122223333:user/someone")).isEmpty();
    }

    @Test
    void aRoleSessionMatchesItsRolesEntryAndFillsTheSessionName() throws Exception {
        EksIdentityLookup ids = identities("API");
        String session = "arn:aws:sts::111122223333:assumed-role/retail-edge-hybrid-ra/store-pos-01";
        assertThat(ids.kubernetesUser("us-west-2", "retail-edge", session))
                .hasValue(new KubernetesUser("system:node:store-pos-01", List.of("system:nodes"), List.of()));
        // the role's entry is on retail-edge only
        assertThat(ids.kubernetesUser("us-west-2", "payments", session)).isEmpty();
    }

    @Test
    void inConfigMapModeAccessEntriesAreNotReadAndTheCreatorIsSystemMasters() throws Exception {
        EksIdentityLookup ids = identities("CONFIG_MAP");
        assertThat(ids.authenticationMode("us-west-2", "payments")).hasValue("CONFIG_MAP");
        assertThat(ids.kubernetesUser("us-west-2", "payments", ADMIN))
                .hasValue(new KubernetesUser(ADMIN, List.of("system:masters"), List.of()));
        assertThat(ids.kubernetesUser("us-west-2", "payments", "arn:aws:iam::111122223333:role/payments-node-role")).isEmpty();
    }
}

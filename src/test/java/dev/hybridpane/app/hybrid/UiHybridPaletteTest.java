package dev.hybridpane.app.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.ui.HybridTools;
import dev.hybridpane.ui.common.SyncTaskRunner;
import dev.hybridpane.ui.fleet.FleetViewModel;
import dev.hybridpane.ui.hybrid.EnableHybridViewModel;
import dev.hybridpane.ui.hybrid.HybridActions;
import dev.hybridpane.ui.hybrid.ImportClusterViewModel;
import dev.hybridpane.ui.shell.CommandPaletteViewModel;
import dev.hybridpane.ui.shell.HybridCommands;
import dev.hybridpane.ui.shell.PaletteItem;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ctrl+K: "Import cluster…" and "Enable hybrid mode on <cluster>…" open their wizards. */
class UiHybridPaletteTest {
    @Test
    void paletteCommandsOpenTheImportAndEnableWizards() {
        try (LabHybridSetup env = new LabHybridSetup()) {
            FleetViewModel fleet = new FleetViewModel();
            fleet.apply(List.of(new FleetUpdate.ClusterFound(env.aws.describeCluster(new ClusterRef("us-west-2", "payments"))),
                    new FleetUpdate.ClusterFound(env.aws.describeCluster(new ClusterRef("eu-central-1", "factory-floor")))));
            SyncTaskRunner runner = new SyncTaskRunner();
            HybridActions hybrid = new HybridActions(new HybridTools(p -> env.setup, env.journals, new BcCertificateAuthority()),
                    () -> "lab", runner, Runnable::run, Clock.systemUTC(), j -> { }, r -> { });
            // chosen like the shell does: a command runs its action
            CommandPaletteViewModel shellLike = new CommandPaletteViewModel(fleet.clusterRows(), i -> i.action().run(),
                    () -> HybridCommands.of(hybrid, fleet.clusterRows()));
            shellLike.show();
            shellLike.queryProperty().set("enable hybrid");
            assertThat(shellLike.results()).extracting(PaletteItem::title).startsWith("Enable hybrid mode on payments…",
                    "Enable hybrid mode on factory-floor…");

            shellLike.show();
            shellLike.queryProperty().set("import");
            assertThat(shellLike.results().get(0).title()).isEqualTo("Import cluster…");
            shellLike.choose();
            assertThat(hybrid.openProperty().get()).isInstanceOf(ImportClusterViewModel.class);
            ImportClusterViewModel imp = (ImportClusterViewModel) hybrid.openProperty().get();
            assertThat(imp.choice().discovered()).hasSize(2);
            imp.close();
            assertThat(hybrid.openProperty().get()).isNull();

            shellLike.show();
            shellLike.queryProperty().set("enable hybrid mode on payments");
            assertThat(shellLike.results().get(0).title()).isEqualTo("Enable hybrid mode on payments…");
            shellLike.choose();
            assertThat(hybrid.openProperty().get()).isInstanceOf(EnableHybridViewModel.class);
            EnableHybridViewModel en = (EnableHybridViewModel) hybrid.openProperty().get();
            assertThat(en.cluster()).isEqualTo(new ClusterRef("us-west-2", "payments"));
            assertThat(en.reviewProperty().get()).isNotNull();
        }
    }
}

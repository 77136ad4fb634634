package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.world.LabWorld;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the AWS emulator alone, for checking it with the aws CLI:
 * {@code AWS_ENDPOINT_URL=<printed url> AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=y aws eks list-clusters}.
 * Cluster endpoints are placeholders on loopback port 6443 (no Kubernetes API runs behind them).
 */
public final class AwsEmulatorMain {
    private AwsEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LabWorld world = LabWorld.load();
        Map<String, String> endpoints = new LinkedHashMap<>();
        world.clusters().forEach(c -> endpoints.put(c.region() + "/" + c.name(), "https://127.0.0.1:6443"));
        AwsEmulator emulator = new AwsEmulator(world, endpoints, "TEFCLUNBLUNFUlQ=");
        System.out.println("AWS_ENDPOINT_URL=" + emulator.start());
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        Thread.currentThread().join();
    }
}

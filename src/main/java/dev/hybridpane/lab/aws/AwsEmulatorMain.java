package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.world.LabWorld;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the AWS emulator alone, for checking it with the aws CLI. It prints the endpoint and the lab's key pair as
 * shell exports; the emulator verifies every request's signature, so only that key pair works:
 * {@code eval "$(java ... AwsEmulatorMain)"; aws eks list-clusters --region us-west-2}.
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
        System.out.println("export AWS_ENDPOINT_URL=" + emulator.start());
        // the lab's throwaway key pair, the only one the emulator accepts (requests are signature-checked)
        System.out.println("export AWS_ACCESS_KEY_ID=" + LabCredentials.LAB_ACCESS_KEY_ID);
        System.out.println("export AWS_SECRET_ACCESS_KEY=" + LabCredentials.LAB_SECRET_ACCESS_KEY);
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        Thread.currentThread().join();
    }
}

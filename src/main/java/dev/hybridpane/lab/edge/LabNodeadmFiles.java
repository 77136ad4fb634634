package dev.hybridpane.lab.edge;

import java.util.List;

/** The contents of the files nodeadm writes on a host (nodeadm-day2.md 1.6), in their real shapes. */
final class LabNodeadmFiles {
    private LabNodeadmFiles() {
    }

    static String kubeletUnit() {
        return "[Unit]\nDescription=Kubernetes Kubelet\nDocumentation=https://github.com/kubernetes/kubernetes\n"
                + "After=containerd.service\nWants=containerd.service\n\n[Service]\nSlice=runtime.slice\n"
                + "EnvironmentFile=/etc/eks/kubelet/environment\nExecStartPre=/sbin/iptables -P FORWARD ACCEPT -w 5\n"
                + "ExecStart=/usr/bin/kubelet --config /etc/kubernetes/kubelet/config.json --kubeconfig /var/lib/kubelet/kubeconfig"
                + " --container-runtime-endpoint unix:///run/containerd/containerd.sock $NODEADM_KUBELET_ARGS\n"
                + "Restart=on-failure\nRestartForceExitStatus=SIGPIPE\nRestartSec=5\nKillMode=process\nCPUAccounting=true\n"
                + "MemoryAccounting=true\n\n[Install]\nWantedBy=multi-user.target\n";
    }

    static String containerdUnit() {
        return "[Unit]\nDescription=containerd container runtime\nDocumentation=https://containerd.io\n"
                + "After=network.target local-fs.target\n\n[Service]\nExecStartPre=-/sbin/modprobe overlay\n"
                + "ExecStart=/usr/bin/containerd\nType=notify\nDelegate=yes\nKillMode=process\nRestart=always\nRestartSec=5\n"
                + "LimitNPROC=infinity\nLimitCORE=infinity\nTasksMax=infinity\nOOMScoreAdjust=-999\n\n[Install]\n"
                + "WantedBy=multi-user.target\n";
    }

    /** /opt/nodeadm/tracker as sigs.k8s.io/yaml marshals it (keys sorted). */
    static String tracker(String containerd, boolean ssm, boolean iamRa) {
        return "Artifacts:\n  CniPlugins: true\n  Containerd: " + containerd + "\n  IamAuthenticator: true\n  IamRolesAnywhere: "
                + iamRa + "\n  ImageCredentialProvider: true\n  Iptables: true\n  Kubectl: true\n  Kubelet: true\n  Ssm: " + ssm
                + "\n";
    }

    static String trackerField(String tracker, String key) {
        for (String line : tracker.split("\n")) {
            String l = line.strip();
            if (l.startsWith(key + ":")) {
                return l.substring(key.length() + 1).strip();
            }
        }
        return "";
    }

    static String kubeconfig(String server, String cluster, String region, boolean iamRa) {
        return "---\napiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /etc/kubernetes/pki/ca.crt\n"
                + "    server: " + server + "\n  name: kubernetes\ncontexts:\n- context:\n    cluster: kubernetes\n    user: kubelet\n"
                + "  name: kubelet\ncurrent-context: kubelet\nusers:\n- name: kubelet\n  user:\n    exec:\n"
                + "      apiVersion: client.authentication.k8s.io/v1beta1\n      command: aws-iam-authenticator\n      args:\n"
                + "        - \"token\"\n        - \"-i\"\n        - \"" + cluster + "\"\n        - \"--region\"\n        - \"" + region + "\"\n"
                + (iamRa ? "      env:\n        - name: AWS_CONFIG_FILE\n          value: /etc/aws/hybrid/config\n" : "");
    }

    static String kubeletConfig(String providerId, String clusterDns, String maxPodsJson) {
        return "{\n    \"address\": \"0.0.0.0\",\n    \"apiVersion\": \"kubelet.config.k8s.io/v1beta1\",\n    \"authentication\": {\n"
                + "        \"anonymous\": {\"enabled\": false},\n        \"webhook\": {\"cacheTTL\": \"2m0s\", \"enabled\": true},\n"
                + "        \"x509\": {\"clientCAFile\": \"/etc/kubernetes/pki/ca.crt\"}\n    },\n"
                + "    \"authorization\": {\"mode\": \"Webhook\"},\n    \"cgroupDriver\": \"systemd\",\n"
                + "    \"clusterDNS\": [\"" + clusterDns + "\"],\n    \"clusterDomain\": \"cluster.local\",\n"
                + "    \"containerRuntimeEndpoint\": \"unix:///run/containerd/containerd.sock\",\n    \"kind\": \"KubeletConfiguration\",\n"
                + (maxPodsJson == null ? "" : "    \"maxPods\": " + maxPodsJson + ",\n")
                + "    \"providerID\": \"" + providerId + "\",\n    \"serverTLSBootstrap\": true\n}\n";
    }

    static String environment(List<String> args) {
        return "NODEADM_KUBELET_ARGS=\"" + String.join(" ", args) + "\"\n";
    }

    static String sysctl() {
        return "vm.overcommit_memory=1\nkernel.panic=10\nkernel.panic_on_oops=1\nnet.ipv4.ip_forward=1\n";
    }

    static String modules() {
        return "overlay\nbr_netfilter\n";
    }

    static String containerdConfig(String sandbox) {
        return "version = 2\nroot = \"/var/lib/containerd\"\nstate = \"/run/containerd\"\n\n[grpc]\n"
                + "address = \"/run/containerd/containerd.sock\"\n\n[plugins.\"io.containerd.grpc.v1.cri\"]\n"
                + "sandbox_image = \"" + sandbox + "\"\n\n[plugins.\"io.containerd.grpc.v1.cri\".containerd]\n"
                + "default_runtime_name = \"runc\"\ndiscard_unpacked_layers = true\n\n"
                + "[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc.options]\nSystemdCgroup = true\n";
    }

    static String imageCredentialProviderConfig() {
        return "{\n  \"apiVersion\": \"kubelet.config.k8s.io/v1\",\n  \"kind\": \"CredentialProviderConfig\",\n  \"providers\": [\n"
                + "    {\n      \"name\": \"ecr-credential-provider\",\n      \"matchImages\": [\"*.dkr.ecr.*.amazonaws.com\"],\n"
                + "      \"defaultCacheDuration\": \"12h\",\n      \"apiVersion\": \"credentialprovider.kubelet.k8s.io/v1\"\n    }\n  ]\n}\n";
    }

    static String ssmAgentJson() {
        return "{\n  \"Ssm\": {\n    \"CredentialRetryMaxSleepSeconds\": 60\n  }\n}\n";
    }

    static String awsHybridConfig(String nodeName, String certPath, String keyPath, String trustAnchor, String profile,
            String role, String region) {
        String process = "credential_process = /usr/local/bin/aws_signing_helper credential-process --certificate " + certPath
                + " --private-key " + keyPath + " --trust-anchor-arn " + trustAnchor + " --profile-arn " + profile
                + " --role-arn " + role + " --role-session-name " + nodeName + "\n";
        return "[default]\nregion = " + region + "\n" + process + "\n[profile hybrid]\nregion = " + region + "\n" + process;
    }

    static String binary(String name) {
        return "#!/lab/" + name + " (a simulated binary)\n";
    }
}

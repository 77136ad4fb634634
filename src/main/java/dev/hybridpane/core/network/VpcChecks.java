package dev.hybridpane.core.network;

import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorFix;
import dev.hybridpane.domain.network.DoctorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** VPC settings: DNS hostnames and DNS resolution on; the endpoint access public or private, not both. */
final class VpcChecks {
    static final String HOSTNAMES = "enableDnsHostnames";
    static final String SUPPORT = "enableDnsSupport";

    private VpcChecks() {
    }

    static List<DoctorCheck> dns(DoctorReads reads) {
        List<DoctorCheck> out = new ArrayList<>();
        out.add(dns(reads, SUPPORT, "DNS resolution"));
        out.add(dns(reads, HOSTNAMES, "DNS hostnames"));
        return out;
    }

    private static DoctorCheck dns(DoctorReads reads, String attribute, String label) {
        String vpc = reads.cluster().vpcId();
        String id = "aws.vpc-dns@" + vpc + ":" + attribute;
        List<String> subjects = List.of(vpc);
        String title = "VPC " + label;
        boolean on;
        try {
            on = reads.vpcAttribute(attribute);
        } catch (RuntimeException e) {
            return DoctorCheck.unknown(id, "aws", title, subjects, Probe.why(e));
        }
        List<String> evidence = List.of(vpc + ": " + attribute + " = " + on);
        if (on) {
            return new DoctorCheck(id, "aws", title, subjects, DoctorStatus.PASS, label + " is on in " + vpc + ".", evidence,
                    DoctorFix.NONE);
        }
        return new DoctorCheck(id, "aws", title, subjects, DoctorStatus.FAIL, label + " is off in " + vpc
                + ": the cluster's private endpoint and the VPC's interface endpoints do not resolve.", evidence,
                DoctorFix.automatic("vpc-dns", Map.of("vpcId", vpc, "attribute", attribute),
                        "Turn on " + label + " (" + attribute + ") in " + vpc + "."));
    }

    static List<DoctorCheck> endpoint(DoctorReads reads) {
        Cluster c = reads.cluster();
        EndpointAccess access = c.endpointAccess();
        String id = "aws.endpoint-access@" + c.name();
        List<String> subjects = List.of(c.vpcId());
        List<String> evidence = List.of(c.name() + ": endpoint access " + (access == null ? "unknown" : access.label())
                + ", endpoint " + c.endpoint());
        if (access == EndpointAccess.PUBLIC_AND_PRIVATE) {
            return List.of(new DoctorCheck(id, "aws", "Endpoint access", subjects, DoctorStatus.WARN,
                    "The endpoint is public and private: on-prem resolvers get its public IPs, so hybrid nodes reach the API"
                            + " over the internet instead of the VPN, while the control plane reaches them over the VPN."
                            + " Choose public or private.", evidence,
                    DoctorFix.manual("Choose one access mode. Private (traffic stays on the VPN; on-prem DNS must forward the"
                            + " endpoint's name to the VPC resolver) or public (hybrid nodes need internet egress).",
                            "aws eks update-cluster-config --region " + c.region() + " --name " + c.name()
                                    + " --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true")));
        }
        String why = access == EndpointAccess.PRIVATE
                ? "private: hybrid nodes reach it over the VPN (on-prem DNS must resolve it through the VPC resolver)."
                : "public: hybrid nodes reach it over the internet.";
        return List.of(new DoctorCheck(id, "aws", "Endpoint access", subjects, DoctorStatus.PASS, "The endpoint is " + why,
                evidence, DoctorFix.NONE));
    }
}

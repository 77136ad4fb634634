package dev.hybridpane.lab.aws;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which service a request addresses, read from the request itself as an AWS endpoint knows it from its host name: the
 * query protocol's {@code Version} (STS 2011-06-15, IAM 2010-05-08, EC2 2016-11-15), JSON 1.1's
 * {@code X-Amz-Target} prefix (AmazonSSM.), or a REST-JSON resource path (EKS's /clusters..., IAM Roles Anywhere's
 * /trustanchors...; SSO OIDC's /token, the portal's /federation/credentials). The credential scope must then name that service, else AWS answers SignatureDoesNotMatch
 * ("Credential should be scoped to correct service"). Null when the request's shape names no service the lab knows;
 * then the scope alone routes it, as before.
 */
final class AddressedService {
    /** Query protocol API versions, from each service's API reference ("Common Parameters": Version). */
    private static final Map<String, String> QUERY_VERSIONS = Map.of(
            "2011-06-15", "sts",
            "2010-05-08", "iam",
            "2016-11-15", "ec2");
    /** First path segments of the EKS API reference's REST operations. */
    private static final Set<String> EKS_ROOTS = Set.of("clusters", "addons", "cluster-versions",
            "eks-anywhere-subscriptions", "cluster-registrations");
    /** First path segments of the IAM Roles Anywhere API reference's REST operations. */
    private static final Set<String> ROLES_ANYWHERE_ROOTS = Set.of("trustanchors", "trustanchor", "profiles", "profile",
            "crls", "crl", "subjects", "subject", "ListTagsForResource", "TagResource", "UntagResource");

    /** SSO OIDC's REST paths (/client/register, /device_authorization, /token) and the lab's verification page. */
    private static final Set<String> SSO_OIDC_ROOTS = Set.of("client", "device_authorization", "token", "device");
    /** The AWS access portal's REST paths (/federation/credentials, /assignment/..., /logout). */
    private static final Set<String> SSO_PORTAL_ROOTS = Set.of("federation", "assignment", "logout");

    private AddressedService() {
    }

    static String of(List<String> segments, Map<String, String> params, Map<String, String> lowerCaseHeaders) {
        String target = lowerCaseHeaders.get("x-amz-target");
        if (target != null && target.startsWith("AmazonSSM.")) {
            return "ssm";
        }
        String version = params.get("Version");
        if (version != null && params.containsKey("Action")) {
            return QUERY_VERSIONS.get(version);
        }
        if (!segments.isEmpty()) {
            String root = segments.get(0);
            if (EKS_ROOTS.contains(root)) {
                return "eks";
            }
            if (ROLES_ANYWHERE_ROOTS.contains(root)) {
                return "rolesanywhere";
            }
            if (SSO_OIDC_ROOTS.contains(root)) {
                return "sso-oauth";
            }
            if (SSO_PORTAL_ROOTS.contains(root)) {
                return "awsssoportal";
            }
        }
        return null;
    }
}

package dev.hybridpane.core.network;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.domain.network.DoctorCheck;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One area of the doctor (routes, transit gateway, VPN…): a body that reads through {@link DoctorReads} and returns its
 * checks. A read that fails makes the area ONE unknown check with the probe's id, naming the missing permission.
 */
record Probe(String id, String area, String title, Function<DoctorReads, List<DoctorCheck>> body) {
    private static final Set<String> DENIED = Set.of("UnauthorizedOperation", "UnauthorizedAccess", "AuthFailure",
            "Forbidden", "ForbiddenException");

    List<DoctorCheck> run(DoctorReads reads) {
        try {
            return body.apply(reads);
        } catch (RuntimeException e) {
            return List.of(DoctorCheck.unknown(id, area, title, reads.subjectsOf(area), why(e)));
        }
    }

    /** "missing permission ec2:DescribeTransitGateways", or what failed and why. */
    static String why(Throwable e) {
        if (e instanceof AwsFailure f) {
            if (denied(f)) {
                return "missing permission " + f.operation();
            }
            return f.operation() + " failed: " + f.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static boolean denied(AwsFailure f) {
        String code = f.errorCode() == null ? "" : f.errorCode();
        return f.kind() == FailureKind.ACCESS_DENIED || code.startsWith("AccessDenied") || DENIED.contains(code);
    }
}

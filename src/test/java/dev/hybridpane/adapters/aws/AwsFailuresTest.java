package dev.hybridpane.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsFailuresTest {
    static AwsServiceException service(String code, int status, String message) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @Test
    void serviceCodesMapToKinds() {
        assertThat(AwsFailures.translate("sts:GetCallerIdentity", service("ExpiredToken", 403,
                "The security token included in the request is expired"), "profile dev").kind())
                .isEqualTo(FailureKind.EXPIRED_CREDENTIALS);
        assertThat(AwsFailures.translate("eks:ListClusters", service("UnrecognizedClientException", 403,
                "The security token included in the request is invalid."), "profile dev").kind())
                .isEqualTo(FailureKind.UNAUTHORIZED);
        assertThat(AwsFailures.translate("iam:GetRole", service("NoSuchEntity", 404, "no role"), "x").kind())
                .isEqualTo(FailureKind.NOT_FOUND);
        assertThat(AwsFailures.translate("ec2:DescribeVpcs", service("InvalidParameterValue", 400, "bad"), "x").kind())
                .isEqualTo(FailureKind.OTHER);
    }

    @Test
    void anUnknownKeysBodylessStatusStillSaysRejectedCredentials() {
        // EC2 refuses an unknown key with 401 AuthFailure; the JDK's HTTP client drops a 401's body, so no code arrives
        assertThat(AwsFailures.kindOf(null, 401)).isEqualTo(FailureKind.UNAUTHORIZED);
        assertThat(AwsFailures.kindOf(null, 403)).isEqualTo(FailureKind.ACCESS_DENIED);
        assertThat(AwsFailures.kindOf(null, 500)).isEqualTo(FailureKind.OTHER);
    }

    @Test
    void expiredSsoSessionIsExpiredCredentials() {
        SdkClientException e = SdkClientException.create("Unable to load credentials from any of the providers",
                SdkClientException.create("The SSO session associated with this profile has expired or is otherwise invalid."
                        + " To refresh this SSO session run aws sso login with the corresponding profile."));
        AwsFailure f = AwsFailures.translate("eks:ListClusters", e, "profile sso-dev");
        assertThat(f.kind()).isEqualTo(FailureKind.EXPIRED_CREDENTIALS);
        assertThat(f.getMessage()).contains("eks:ListClusters").contains("profile sso-dev").contains("aws sso login");
    }

    @Test
    void missingCredentialsAndConnectionFailures() {
        assertThat(AwsFailures.translate("sts:GetCallerIdentity",
                SdkClientException.create("Unable to load credentials from any of the providers in the chain"), "profile default")
                .kind()).isEqualTo(FailureKind.NO_CREDENTIALS);
        AwsFailure down = AwsFailures.translate("eks:ListClusters", SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused")), "profile default");
        assertThat(down.kind()).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(down.getMessage()).contains("Connection refused");
    }
}

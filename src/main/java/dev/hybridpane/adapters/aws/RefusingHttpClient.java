package dev.hybridpane.adapters.aws;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client that sends nothing: each request fails with the reason it cannot be sent safely (a CA bundle that
 * cannot be used), as an SdkClientException that is not retried, so every call says why in one sentence
 * ({@link AwsFailures}) rather than the console failing to open the profile.
 */
final class RefusingHttpClient implements SdkHttpClient {
    private final CaBundleException reason;

    RefusingHttpClient(CaBundleException reason) {
        this.reason = reason;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                throw SdkClientException.builder().message(reason.getMessage()).cause(reason).build();
            }

            @Override
            public void abort() {
                // nothing was sent
            }
        };
    }

    @Override
    public void close() {
        // nothing to release
    }
}

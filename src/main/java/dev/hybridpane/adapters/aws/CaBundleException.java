package dev.hybridpane.adapters.aws;

/** A CA bundle (AWS_CA_BUNDLE, a profile's ca_bundle) that cannot be used: one sentence that names the file. */
final class CaBundleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CaBundleException(String sentence) {
        super(sentence, null, false, false);
    }
}

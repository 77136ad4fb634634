package dev.hybridpane.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskTest {
    @Test
    void masksKeysTokensAndNamedSecrets() {
        assertThat(SecretMask.mask("key AKIAIOSFODNN7EXAMPLE and ASIAXYZXYZXYZXYZXYZ1 here"))
                .isEqualTo("key **** and **** here");
        assertThat(SecretMask.mask("secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY end"))
                .isEqualTo("secret **** end");
        assertThat(SecretMask.mask("{\"SessionToken\": \"IQoJb3JpZ2luX2VjEJr\", \"Expiration\": \"2026-01-01\"}"))
                .isEqualTo("{\"SessionToken\": \"****\", \"Expiration\": \"2026-01-01\"}");
        assertThat(SecretMask.mask("password=hunter2 user=alice")).isEqualTo("password=**** user=alice");
        assertThat(SecretMask.mask("aws_secret_access_key = abc123")).isEqualTo("aws_secret_access_key = ****");
        assertThat(SecretMask.mask("Authorization: Bearer eyJhbGciOi.x.y")).isEqualTo("Authorization: Bearer ****");
        assertThat(SecretMask.mask("token: s3cr3t, next")).isEqualTo("token: ****, next");
        String longToken = "FwoGZXIvYXdzEJr//////////wEaDM1234567890abcdefghijklmnopqrstuvwxyzABCDEFG";
        assertThat(SecretMask.mask("got " + longToken)).isEqualTo("got ****");
    }

    @Test
    void leavesOrdinaryWordsAlone() {
        String plain = "error: the token expired; run okta-aws login for account 111122223333 in us-west-2";
        assertThat(SecretMask.mask(plain)).isEqualTo(plain);
        assertThat(SecretMask.mask(null)).isEmpty();
    }
}

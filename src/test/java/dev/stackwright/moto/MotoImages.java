package dev.stackwright.moto;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Puts an image into moto's ECR the way a {@code docker push} would leave it: a manifest under a tag. No container
 * engine runs here, and moto keeps manifests, not layers, so a manifest is all a push has to leave behind.
 */
final class MotoImages {
    /** A Docker image manifest (schema 2) of one small layer; moto reads its media type and hashes it. */
    static final String MANIFEST = """
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",\
            "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1470,\
            "digest":"sha256:%s"},\
            "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":3370706,\
            "digest":"sha256:%s"}]}""";

    private MotoImages() {}

    static EcrClient ecr(MotoServer moto, String region) {
        return EcrClient.builder()
                .endpointOverride(URI.create(moto.endpoint()))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("stackwright-test", "stackwright-test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Pushes a manifest under {@code tag}; returns its digest. {@code seed} makes manifests differ. */
    static String push(MotoServer moto, String region, String repository, String tag, char seed) {
        try (EcrClient ecr = ecr(moto, region)) {
            return ecr.putImage(b -> b.repositoryName(repository)
                            .imageTag(tag)
                            .imageManifest(
                                    MANIFEST.formatted(String.valueOf(seed).repeat(64), "0".repeat(63) + seed)))
                    .image()
                    .imageId()
                    .imageDigest();
        }
    }
}

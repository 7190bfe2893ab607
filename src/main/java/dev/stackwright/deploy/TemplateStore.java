package dev.stackwright.deploy;

/**
 * Where templates too large to send inline go: one S3 bucket per account and region that Stackwright creates on first
 * use (encrypted, private, versioned, old versions expire).
 */
public interface TemplateStore {
    Upload upload(String stackName, String templateBody);

    /** Where the template went; {@code bucketCreated} when this upload had to create the bucket first. */
    record Upload(String bucket, String key, String url, boolean bucketCreated) {}
}

package dev.stackwright.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The few CloudFormation calls the deployer makes, in our own types. The SDK adapter ({@code deploy.aws}) implements
 * it for real; tests implement it with recorded event sequences. Every call may throw {@link DeployException}.
 */
public interface CloudFormation {
    /**
     * The stack, or empty when there is none (deleted stacks count as none).
     *
     * @param stack its name or ID; a deleted stack is known by its ID only
     */
    Optional<Stack> describeStack(String stack);

    /** Starts a change set; returns its id. */
    String createChangeSet(ChangeSetRequest request);

    ChangeSet describeChangeSet(String stackName, String changeSetName);

    void executeChangeSet(String stackName, String changeSetName);

    void deleteChangeSet(String stackName, String changeSetName);

    /**
     * The stack's events newer than {@code afterEventId} (all recent ones when it is null), oldest first. AWS lists
     * them newest first, a page at a time; the adapter pages back until it meets {@code afterEventId}. {@code stack}
     * is a name or an ID; once the stack is deleted only the ID works (by name, AWS says it does not exist).
     */
    List<StackEvent> eventsSince(String stack, @Nullable String afterEventId);

    /** Starts deleting the stack, given by name or ID. */
    void deleteStack(String stack);

    /** The stack's resources with their physical IDs (DescribeStackResources), in the order AWS lists them. */
    List<StackResource> resources(String stack);

    void continueUpdateRollback(String stackName);

    /** Starts drift detection; returns the detection id. */
    String detectDrift(String stackName);

    /** DETECTION_IN_PROGRESS, DETECTION_COMPLETE or DETECTION_FAILED, with the reason when it failed. */
    DriftDetection describeDriftDetection(String detectionId);

    /** Every checked resource's drift, in-sync ones included. */
    List<ResourceDrift> resourceDrifts(String stackName);

    /**
     * What a change set is asked to do. Exactly one of templateBody and templateUrl is set.
     *
     * @param previousValues parameters that keep the value the stack has (UsePreviousValue), none of {@code parameters}
     */
    record ChangeSetRequest(
            String stackName,
            String changeSetName,
            ChangeSetType type,
            @Nullable String templateBody,
            @Nullable String templateUrl,
            Map<String, String> parameters,
            Map<String, String> tags,
            String description,
            java.util.Set<String> previousValues) {
        public ChangeSetRequest {
            parameters = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(parameters));
            tags = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tags));
            previousValues = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(previousValues));
        }
    }

    enum ChangeSetType {
        CREATE,
        UPDATE
    }

    /** One resource of a deployed stack; {@code physicalId} is null until it was created. */
    record StackResource(String logicalId, String resourceType, String physicalId) {}

    record DriftDetection(
            String status,
            @Nullable String stackDriftStatus,
            @Nullable String reason) {}

    /** One resource's drift; {@code differences} are property paths with expected and actual values. */
    record ResourceDrift(
            String logicalId,
            String resourceType,
            String physicalId,
            String status,
            List<PropertyDifference> differences) {
        public ResourceDrift {
            differences = List.copyOf(differences);
        }
    }

    record PropertyDifference(
            String path,
            String type,
            @Nullable String expected,
            @Nullable String actual) {}
}

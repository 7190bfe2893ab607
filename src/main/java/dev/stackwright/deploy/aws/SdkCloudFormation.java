package dev.stackwright.deploy.aws;

import dev.stackwright.deploy.ChangeSet;
import dev.stackwright.deploy.CloudFormation;
import dev.stackwright.deploy.Stack;
import dev.stackwright.deploy.StackEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourceDriftsResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/** {@link CloudFormation} over the SDK: requests built, responses mapped to our records, and nothing else. */
final class SdkCloudFormation implements CloudFormation {
    /** Pages of events read back when looking for where the last poll stopped. */
    private static final int MAX_EVENT_PAGES = 10;

    private final SdkAws aws;
    private final CloudFormationClient client;

    SdkCloudFormation(SdkAws aws) {
        this.aws = aws;
        this.client = aws.cfn();
    }

    @Override
    public Optional<Stack> describeStack(String stackName) {
        DescribeStacksResponse r;
        try {
            r = client.describeStacks(b -> b.stackName(stackName));
        } catch (CloudFormationException e) {
            if (doesNotExist(e)) {
                return Optional.empty();
            }
            return aws.call("describing stack " + stackName, () -> {
                throw e;
            });
        } catch (RuntimeException e) {
            return aws.call("describing stack " + stackName, () -> {
                throw e;
            });
        }
        return r.stacks().stream()
                .findFirst()
                .filter(s -> !s.stackStatusAsString().equals("DELETE_COMPLETE"))
                .map(s -> {
                    Map<String, String> tags = new LinkedHashMap<>();
                    s.tags().forEach(t -> tags.put(t.key(), t.value()));
                    Map<String, Stack.Output> outputs = new LinkedHashMap<>();
                    s.outputs()
                            .forEach(o ->
                                    outputs.put(o.outputKey(), new Stack.Output(o.outputValue(), o.description())));
                    Map<String, String> parameters = new LinkedHashMap<>();
                    s.parameters().forEach(p -> parameters.put(p.parameterKey(), p.parameterValue()));
                    var drift = s.driftInformation();
                    return new Stack(
                            s.stackName(),
                            s.stackId(),
                            s.stackStatusAsString(),
                            s.stackStatusReason(),
                            s.lastUpdatedTime() != null ? s.lastUpdatedTime() : s.creationTime(),
                            tags,
                            outputs,
                            drift == null ? null : drift.stackDriftStatusAsString(),
                            drift == null ? null : drift.lastCheckTimestamp(),
                            parameters);
                });
    }

    private static boolean doesNotExist(CloudFormationException e) {
        return e.awsErrorDetails() != null
                && "ValidationError".equals(e.awsErrorDetails().errorCode())
                && String.valueOf(e.awsErrorDetails().errorMessage()).contains("does not exist");
    }

    @Override
    public String createChangeSet(ChangeSetRequest q) {
        List<Parameter> parameters = new ArrayList<>();
        q.parameters()
                .forEach((key, value) -> parameters.add(Parameter.builder()
                        .parameterKey(key)
                        .parameterValue(value)
                        .build()));
        q.previousValues()
                .forEach(key -> parameters.add(Parameter.builder()
                        .parameterKey(key)
                        .usePreviousValue(true)
                        .build()));
        List<Tag> tags = q.tags().entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
        return aws.call(
                        "creating a change set for " + q.stackName(),
                        () -> client.createChangeSet(b -> {
                            b.stackName(q.stackName())
                                    .changeSetName(q.changeSetName())
                                    .changeSetType(q.type().name())
                                    .templateBody(q.templateBody())
                                    .templateURL(q.templateUrl())
                                    .description(q.description())
                                    .capabilities(
                                            Capability.CAPABILITY_IAM,
                                            Capability.CAPABILITY_NAMED_IAM,
                                            Capability.CAPABILITY_AUTO_EXPAND);
                            // An empty list would be sent as such; leaving it out lets the template's defaults apply.
                            if (!parameters.isEmpty()) {
                                b.parameters(parameters);
                            }
                            if (!tags.isEmpty()) {
                                b.tags(tags);
                            }
                        }))
                .id();
    }

    @Override
    public ChangeSet describeChangeSet(String stackName, String changeSetName) {
        List<ChangeSet.Change> changes = new ArrayList<>();
        String token = null;
        DescribeChangeSetResponse r;
        do {
            String next = token;
            r = aws.call(
                    "reading the change set of " + stackName,
                    () -> client.describeChangeSet(b ->
                            b.stackName(stackName).changeSetName(changeSetName).nextToken(next)));
            r.changes().stream().filter(c -> c.resourceChange() != null).forEach(c -> {
                var rc = c.resourceChange();
                List<String> properties = new ArrayList<>();
                List<String> recreating = new ArrayList<>();
                for (ResourceChangeDetail d : rc.details()) {
                    if (d.target() != null && d.target().name() != null) {
                        addOnce(properties, d.target().name());
                        if ("Always".equals(d.target().requiresRecreationAsString())) {
                            addOnce(recreating, d.target().name());
                        }
                    } else if (d.target() != null && "Tags".equals(d.target().attributeAsString())) {
                        addOnce(properties, "Tags");
                    }
                }
                changes.add(new ChangeSet.Change(
                        rc.actionAsString(),
                        rc.logicalResourceId(),
                        rc.physicalResourceId(),
                        rc.resourceType(),
                        rc.replacementAsString(),
                        properties,
                        recreating));
            });
            token = r.nextToken();
        } while (token != null);
        return new ChangeSet(
                r.changeSetId(),
                r.changeSetName(),
                r.statusAsString(),
                r.executionStatusAsString(),
                r.statusReason(),
                changes);
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }

    @Override
    public void executeChangeSet(String stackName, String changeSetName) {
        aws.call(
                "executing the change set of " + stackName,
                () -> client.executeChangeSet(b -> b.stackName(stackName).changeSetName(changeSetName)));
    }

    @Override
    public void deleteChangeSet(String stackName, String changeSetName) {
        aws.call(
                "deleting the change set of " + stackName,
                () -> client.deleteChangeSet(b -> b.stackName(stackName).changeSetName(changeSetName)));
    }

    @Override
    public List<StackEvent> eventsSince(String stackName, @Nullable String afterEventId) {
        List<StackEvent> newestFirst = new ArrayList<>();
        String token = null;
        for (int page = 0; page < MAX_EVENT_PAGES; page++) {
            String next = token;
            DescribeStackEventsResponse r = aws.call(
                    "reading the events of " + stackName,
                    () -> client.describeStackEvents(b -> b.stackName(stackName).nextToken(next)));
            for (var e : r.stackEvents()) {
                if (e.eventId().equals(afterEventId)) {
                    return newestFirst.reversed();
                }
                newestFirst.add(new StackEvent(
                        e.eventId(),
                        e.stackName(),
                        e.logicalResourceId(),
                        e.physicalResourceId(),
                        e.resourceType(),
                        e.timestamp(),
                        e.resourceStatusAsString(),
                        e.resourceStatusReason()));
            }
            token = r.nextToken();
            // Without a place to stop, the first page (the latest events) is enough.
            if (token == null || afterEventId == null) {
                break;
            }
        }
        return newestFirst.reversed();
    }

    @Override
    public void deleteStack(String stackName) {
        aws.call("deleting stack " + stackName, () -> client.deleteStack(b -> b.stackName(stackName)));
    }

    @Override
    public List<StackResource> resources(String stack) {
        return aws
                .call("listing the resources of " + stack, () -> client.describeStackResources(b -> b.stackName(stack)))
                .stackResources()
                .stream()
                .map(r -> new StackResource(r.logicalResourceId(), r.resourceType(), r.physicalResourceId()))
                .toList();
    }

    @Override
    public void continueUpdateRollback(String stackName) {
        aws.call(
                "continuing the rollback of " + stackName,
                () -> client.continueUpdateRollback(b -> b.stackName(stackName)));
    }

    @Override
    public String detectDrift(String stackName) {
        return aws.call(
                        "starting drift detection on " + stackName,
                        () -> client.detectStackDrift(b -> b.stackName(stackName)))
                .stackDriftDetectionId();
    }

    @Override
    public DriftDetection describeDriftDetection(String detectionId) {
        var r = aws.call(
                "reading the drift detection status",
                () -> client.describeStackDriftDetectionStatus(b -> b.stackDriftDetectionId(detectionId)));
        return new DriftDetection(r.detectionStatusAsString(), r.stackDriftStatusAsString(), r.detectionStatusReason());
    }

    @Override
    public List<ResourceDrift> resourceDrifts(String stackName) {
        List<ResourceDrift> out = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            DescribeStackResourceDriftsResponse r = aws.call(
                    "reading the drift of " + stackName,
                    () -> client.describeStackResourceDrifts(
                            b -> b.stackName(stackName).nextToken(next)));
            r.stackResourceDrifts()
                    .forEach(d -> out.add(new ResourceDrift(
                            d.logicalResourceId(),
                            d.resourceType(),
                            d.physicalResourceId(),
                            d.stackResourceDriftStatusAsString(),
                            d.propertyDifferences().stream()
                                    .map(p -> new PropertyDifference(
                                            p.propertyPath(),
                                            p.differenceTypeAsString(),
                                            p.expectedValue(),
                                            p.actualValue()))
                                    .toList())));
            token = r.nextToken();
        } while (token != null);
        return out;
    }
}

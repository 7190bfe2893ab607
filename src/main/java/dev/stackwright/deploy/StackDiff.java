package dev.stackwright.deploy;

/** What a deploy would do to one stack, as {@code stackwright diff} finds it and {@code report} shows it. */
public sealed interface StackDiff {
    String stackName();

    /** A change set was made (and deleted): its changes, none when the stack is as planned. */
    record Changes(String stackName, ChangeSet changeSet) implements StackDiff {}

    /** No change set could be made for the stack yet; what a deploy would do instead. */
    record Note(String stackName, String text) implements StackDiff {}
}

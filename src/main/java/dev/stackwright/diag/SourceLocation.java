package dev.stackwright.diag;

/** A place in a user's file: 1-based line and column. */
public record SourceLocation(String file, int line, int column) {

    /** A location for problems that belong to the whole file rather than one key. */
    public static SourceLocation ofFile(String file) {
        return new SourceLocation(file, 1, 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}

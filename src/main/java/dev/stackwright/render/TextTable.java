package dev.stackwright.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Columns of text for a terminal, the one table writer of every text report: each column as wide as its widest cell,
 * two spaces between columns, chosen columns right-aligned, and no spaces at the end of a line (so a table pasted
 * into a review or diffed in a golden file carries no invisible bytes).
 *
 * <p>Widths count code points, so a character outside the Basic Multilingual Plane is one column, not two; East Asian
 * wide characters are still counted as one column.
 */
public final class TextTable {
    private static final String GAP = "  ";

    private final int columns;
    private final boolean[] right;
    private final List<String[]> lines = new ArrayList<>();
    private final boolean hasHeader;

    private TextTable(int columns, boolean hasHeader) {
        if (columns < 1) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.columns = columns;
        this.right = new boolean[columns];
        this.hasHeader = hasHeader;
    }

    /** A table whose first line names the columns; each name is aligned like the cells under it. */
    public static TextTable withHeader(String... names) {
        TextTable table = new TextTable(names.length, true);
        table.lines.add(names.clone());
        return table;
    }

    /** A table of rows only, for lines that need no header (label and value, type and count). */
    public static TextTable withColumns(int count) {
        return new TextTable(count, false);
    }

    /** Aligns the given columns (counted from 0) to the right, as numbers are read; the others stay left. */
    public TextTable rightAlign(int... columnIndexes) {
        for (int c : columnIndexes) {
            if (c < 0 || c >= columns) {
                throw new IndexOutOfBoundsException("column " + c + " of a table with " + columns + " columns");
            }
            right[c] = true;
        }
        return this;
    }

    /** Adds a row of exactly one cell per column. */
    public TextTable row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException(
                    "expected " + columns + " cells, got " + cells.length + ": " + Arrays.toString(cells));
        }
        lines.add(cells.clone());
        return this;
    }

    /** Whether no row was added; the header is not a row. */
    public boolean isEmpty() {
        return lines.size() == (hasHeader ? 1 : 0);
    }

    /** Every line, each starting with {@code indent} and ending in a newline; the empty string for no lines. */
    public String render(String indent) {
        StringBuilder out = new StringBuilder();
        renderTo(out, indent);
        return out.toString();
    }

    /** {@link #render}, appended to {@code out}: a report's long tables are not copied once more. */
    public void renderTo(StringBuilder out, String indent) {
        int[] width = new int[columns];
        for (String[] line : lines) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], width(line[i]));
            }
        }
        for (String[] line : lines) {
            // Written in place (a report's tables run to tens of thousands of lines): no string per cell or line.
            int start = out.length();
            out.append(indent);
            for (int i = 0; i < columns; i++) {
                if (i > 0) {
                    out.append(GAP);
                }
                int fill = width[i] - width(line[i]);
                if (!right[i]) {
                    out.append(line[i]);
                }
                out.repeat(' ', fill);
                if (right[i]) {
                    out.append(line[i]);
                }
            }
            // No spaces at the end of a line, as String.stripTrailing would leave it.
            int end = out.length();
            while (end > start && Character.isWhitespace(out.charAt(end - 1))) {
                end--;
            }
            out.setLength(end);
            out.append('\n');
        }
    }

    /**
     * {@code text} followed by spaces up to {@code width} columns, unchanged when it is already as wide: for a column
     * that is not a table's, such as one that lines up with a fixed label or with lines printed between its rows.
     */
    public static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - width(text)));
    }

    /** Columns a text takes on a terminal, as this writer counts them: its code points. */
    public static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}

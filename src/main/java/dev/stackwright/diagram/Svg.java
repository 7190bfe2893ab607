package dev.stackwright.diagram;

/**
 * A small SVG writer: integer coordinates only and text escaped, so the same drawing is always the same bytes (no
 * locale-dependent number formatting, no floating point).
 */
final class Svg {
    private final StringBuilder out = new StringBuilder();

    Svg raw(String text) {
        out.append(text);
        return this;
    }

    Svg rect(String cssClass, int x, int y, int w, int h) {
        out.append("<rect class=\"")
                .append(cssClass)
                .append("\" x=\"")
                .append(x)
                .append("\" y=\"")
                .append(y)
                .append("\" width=\"")
                .append(w)
                .append("\" height=\"")
                .append(h)
                .append("\"/>\n");
        return this;
    }

    Svg text(String cssClass, int x, int y, String text) {
        out.append("<text class=\"")
                .append(cssClass)
                .append("\" x=\"")
                .append(x)
                .append("\" y=\"")
                .append(y)
                .append("\">")
                .append(escape(text))
                .append("</text>\n");
        return this;
    }

    Svg path(String cssClass, String d) {
        out.append("<path class=\"")
                .append(cssClass)
                .append("\" d=\"")
                .append(d)
                .append("\"/>\n");
        return this;
    }

    Svg open(String cssClass) {
        out.append("<g class=\"").append(cssClass).append("\">\n");
        return this;
    }

    Svg title(String text) {
        out.append("<title>").append(escape(text)).append("</title>\n");
        return this;
    }

    Svg close() {
        out.append("</g>\n");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Text cut to fit {@code width} pixels at the diagram's font size, with an ellipsis when cut. Widths are estimated
     * from a generous average character width: the viewer's own sans-serif font is used, never a downloaded one.
     */
    static String fit(String text, int width) {
        int max = Math.max(1, width / Diagram.CHAR_W);
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }
}

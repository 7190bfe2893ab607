package dev.stackwright.cfn;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Serializes templates: two-space JSON or block YAML, {@code \n} line ends, a final newline. Configured once. */
public final class TemplateWriter {
    public enum Format {
        JSON("json"),
        YAML("yaml");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    private static final ObjectWriter JSON = new ObjectMapper()
            .writer(new DefaultPrettyPrinter()
                    .withSeparators(
                            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private static final ObjectWriter YAML = new YAMLMapper(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .disable(YAMLGenerator.Feature.USE_PLATFORM_LINE_BREAKS)
                    .dumperOptions(wideLines())
                    .build())
            .writer();

    /** Long descriptions stay on one line instead of folding with escaped breaks. */
    private static org.yaml.snakeyaml.DumperOptions wideLines() {
        org.yaml.snakeyaml.DumperOptions options = new org.yaml.snakeyaml.DumperOptions();
        options.setWidth(4096);
        options.setSplitLines(false);
        return options;
    }

    private TemplateWriter() {}

    /**
     * A generator that writes JSON to {@code out} as {@link #write} lays it out (then a final newline is the
     * caller's), for output too large to hold as a tree; closing it leaves {@code out} open.
     */
    public static JsonGenerator jsonGenerator(Writer out) {
        try {
            return JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(JsonNode template, Format format) {
        try {
            String text = switch (format) {
                case JSON -> JSON.writeValueAsString(template) + "\n";
                // A bare 2010-09-09 reads as a date to many YAML parsers; quote it as AWS's own examples do.
                case YAML ->
                    YAML.writeValueAsString(template)
                            .replaceFirst(
                                    "(?m)^AWSTemplateFormatVersion: (\\d{4}-\\d{2}-\\d{2})$",
                                    "AWSTemplateFormatVersion: \"$1\"");
            };
            return text.replace("\r\n", "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}

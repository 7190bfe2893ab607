package dev.stackwright.meta;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Stackwright's own version, stamped into tags and template descriptions. */
public final class Version {
    private static final String VERSION = read();

    private Version() {}

    public static String current() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/stackwright/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}

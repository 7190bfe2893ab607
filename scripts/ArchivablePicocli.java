import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Run by ./stackwright on JDK 25+ (java scripts/ArchivablePicocli.java JAR OUT), once per build, before it makes the
 * AOT start-up cache. picocli ships Java 5 class files (version 49), which the AOT cache cannot hold, so every command
 * loaded about 170 of them from the jar and verified them (docs/benchmarks.md). This copies picocli's classes out of
 * JAR into OUT as version 52 with stack maps: the same instructions, which the cache then holds. The launcher puts OUT
 * before JAR on the class path only together with the cache made from it.
 *
 * <p>Exits 1, writing nothing, when a class cannot be rewritten or the rewritten class fails verification: the
 * launcher then runs picocli from the jar as before.
 */
public final class ArchivablePicocli {
    private static final int JAVA_8 = ClassFile.JAVA_8_VERSION;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java scripts/ArchivablePicocli.java JAR OUT");
            System.exit(2);
        }
        try {
            rewrite(Path.of(args[0]), Path.of(args[1]));
        } catch (Refused e) {
            System.err.println("ArchivablePicocli: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void rewrite(Path jar, Path out) throws IOException, Refused {
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             ZipFile in = new ZipFile(jar.toFile())) {
            ClassFile files = ClassFile.of(
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.ofResourceParsing(classes)
                            .orElse(ClassHierarchyResolver.defaultResolver())),
                    ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
            // Re-emitting every method body makes the library generate its stack maps; the version element says 52.
            ClassTransform toJava8 = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                    .andThen((builder, element) -> {
                        if (element instanceof ClassFileVersion) {
                            builder.withVersion(JAVA_8, 0);
                        } else {
                            builder.with(element);
                        }
                    });
            List<? extends ZipEntry> entries = Collections.list(in.entries()).stream()
                    .filter(e -> e.getName().startsWith("picocli/") && e.getName().endsWith(".class")).toList();
            if (entries.isEmpty()) {
                throw new Refused("no picocli classes in " + jar);
            }
            Path temp = out.resolveSibling(out.getFileName() + ".tmp");
            try {
                try (OutputStream file = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(file)) {
                    for (ZipEntry entry : entries) {
                        byte[] original = in.getInputStream(entry).readAllBytes();
                        ClassModel model = files.parse(original);
                        byte[] rewritten = model.majorVersion() >= JAVA_8 ? original : files.transformClass(model, toJava8);
                        List<VerifyError> errors = files.verify(rewritten);
                        if (!errors.isEmpty()) {
                            throw new Refused(entry.getName() + " does not verify after rewriting: " + errors.getFirst().getMessage());
                        }
                        ZipEntry copy = new ZipEntry(entry.getName());
                        copy.setTime(entry.getTime());
                        zip.putNextEntry(copy);
                        zip.write(rewritten);
                        zip.closeEntry();
                    }
                }
                Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** A class that cannot be made archivable: nothing is written. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String why) {
            super(why);
        }
    }
}

package dev.hybridpane.app.build;

import dev.hybridpane.app.startup.CdsArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step (exec-maven-plugin, package, after the libraries jar is shaded): rewrites a library's Java 5 class
 * files as Java 8 ones, with the stack map frames the JVM's type-checking verifier reads, computed by ASM. The code in
 * them is left as it was.
 *
 * <p>Why: the JVM leaves classes older than Java 6 out of a class-data-sharing archive, so the console's archive
 * ({@link CdsArchive}) could not hold picocli, which is compiled for Java 5. Its classes
 * were read from the jar and checked by the old, inferring verifier at every start, on the main thread, before the
 * command line was parsed and so before the lab or AWS discovery could begin (packaging/README.md has the A/B).
 *
 * <p>Every class it writes is then loaded and initialized in a fresh class loader, so a class the JVM would refuse
 * fails the build, not a user's start. Running it again on its own output changes nothing.
 */
public final class ClassFileUpgrade {
    /** Java 6's class file version: older ones are not archived. */
    static final int FIRST_ARCHIVED_VERSION = 50;

    private ClassFileUpgrade() {
    }

    /** {@code ClassFileUpgrade JAR PREFIX}: upgrades, in place, JAR's class files whose names start with PREFIX. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ClassFileUpgrade JAR PREFIX (e.g. picocli/)");
        }
        Path jar = Path.of(args[0]);
        List<String> upgraded = upgrade(jar, args[1]);
        verify(jar, upgraded);
        System.out.println("ClassFileUpgrade: " + upgraded.size() + " class files under " + args[1] + " in "
                + jar.getFileName() + " now Java 8");
    }

    /**
     * Rewrites the jar with the class files under {@code prefix} upgraded; returns their class names. Other entries
     * are copied unchanged, in their order and with their times.
     */
    static List<String> upgrade(Path jar, String prefix) throws IOException {
        List<String> upgraded = new ArrayList<>();
        Path tmp = jar.resolveSibling(jar.getFileName() + ".upgrade.tmp");
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(tmp);
                ZipOutputStream out = new ZipOutputStream(file);
                URLClassLoader hierarchy = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                        ClassLoader.getPlatformClassLoader())) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                byte[] bytes;
                try (InputStream is = in.getInputStream(entry)) {
                    bytes = is.readAllBytes();
                }
                String name = entry.getName();
                if (name.startsWith(prefix) && name.endsWith(".class") && majorVersion(bytes) < FIRST_ARCHIVED_VERSION) {
                    bytes = toJava8(bytes, hierarchy);
                    upgraded.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        if (upgraded.isEmpty()) {
            Files.delete(tmp); // nothing to do: the jar stays as it was, byte for byte
        } else {
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return upgraded;
    }

    /** The class file's major version (bytes 6-7 after the magic number and minor version). */
    static int majorVersion(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    private static byte[] toJava8(byte[] classFile, ClassLoader hierarchy) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            // frames merge types by their common superclass, looked up among the jar's own classes and the JDK's
            @Override
            protected ClassLoader getClassLoader() {
                return hierarchy;
            }
        };
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }

    /** Loads and initializes each class in a fresh loader: linking runs the JVM's verifier over it. */
    static void verify(Path jar, List<String> classNames) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (String name : classNames) {
                try {
                    Class.forName(name, true, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("the upgraded " + name + " does not load: " + e, e);
                }
            }
        }
    }
}

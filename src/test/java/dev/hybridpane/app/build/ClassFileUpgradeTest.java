package dev.hybridpane.app.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class ClassFileUpgradeTest {
    @TempDir
    Path dir;

    /** A copy of picocli's jar as Maven Central ships it (the test class path has the original, not the shaded one). */
    private Path picocliJar() throws IOException, URISyntaxException {
        Path original = Path.of(picocli.CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.copy(original, dir.resolve("picocli.jar"));
    }

    private static Map<String, byte[]> entries(Path jar) throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    all.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return all;
    }

    @Test
    void picocliIsJava5AndComesOutJava8WithItsOtherEntriesUnchanged() throws Exception {
        Path jar = picocliJar();
        Map<String, byte[]> before = entries(jar);
        assertThat(ClassFileUpgrade.majorVersion(before.get("picocli/CommandLine.class")))
                .as("picocli as shipped: Java 5, which class-data sharing skips").isEqualTo(49);

        List<String> upgraded = ClassFileUpgrade.upgrade(jar, "picocli/");

        Map<String, byte[]> after = entries(jar);
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        long classes = before.keySet().stream().filter(n -> n.startsWith("picocli/") && n.endsWith(".class")).count();
        assertThat(upgraded).hasSize((int) classes).contains("picocli.CommandLine", "picocli.CommandLine$Model$CommandSpec");
        after.forEach((name, bytes) -> {
            if (name.startsWith("picocli/") && name.endsWith(".class")) {
                assertThat(ClassFileUpgrade.majorVersion(bytes)).as(name).isEqualTo(52);
            } else {
                assertThat(bytes).as(name).isEqualTo(before.get(name));
            }
        });
        // every upgraded class links (the verifier reads the new frames) and initializes
        ClassFileUpgrade.verify(jar, upgraded);
    }

    @Test
    void aSecondRunChangesNothing() throws Exception {
        Path jar = picocliJar();
        ClassFileUpgrade.upgrade(jar, "picocli/");
        byte[] once = Files.readAllBytes(jar);

        assertThat(ClassFileUpgrade.upgrade(jar, "picocli/")).isEmpty();
        assertThat(Files.readAllBytes(jar)).isEqualTo(once);
        assertThat(dir.resolve("picocli.jar.upgrade.tmp")).doesNotExist();
    }

    @Test
    void classesOutsideThePrefixAreLeftAlone() throws Exception {
        Path jar = picocliJar();
        byte[] before = Files.readAllBytes(jar);

        assertThat(ClassFileUpgrade.upgrade(jar, "org/example/")).isEmpty();
        assertThat(Files.readAllBytes(jar)).isEqualTo(before);
    }

    @Test
    void aClassTheVerifierRefusesFailsTheStepWithItsName() throws Exception {
        // a Java 8 class whose void method returns an int: it loads, but does not link
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, "bad/Bad", null, "java/lang/Object", null);
        MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "m", "()V", null, null);
        m.visitCode();
        m.visitInsn(Opcodes.ICONST_0);
        m.visitInsn(Opcodes.IRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        Path jar = dir.resolve("bad.jar");
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("bad/Bad.class"));
            out.write(w.toByteArray());
            out.closeEntry();
        }

        assertThatThrownBy(() -> ClassFileUpgrade.verify(jar, List.of("bad.Bad")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bad.Bad does not load")
                .hasMessageContaining("VerifyError");
    }
}

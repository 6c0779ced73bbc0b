package dev.ponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the offline Terraform checks of {@code terraform/} from the Maven build: {@code fmt -check -recursive} once,
 * then {@code init -backend=false -plugin-dir=...}, {@code validate} and {@code test} (mock provider, no AWS account)
 * in {@code envs/dev}, each example and each module that has tests. The sources are copied to
 * {@code target/terraform} first, so {@code .terraform/} never lands in the source tree.
 *
 * <p>Skips, saying why, where {@code terraform} is not on the PATH or the provider mirror does not exist: CI machines
 * may have neither. The mirror is {@code PONDER_TF_PLUGIN_DIR} (system property, then environment variable),
 * defaulting to {@code /opt/tf-plugins}.
 */
class TerraformTest {

    /** Where the provider mirror is looked for when {@code PONDER_TF_PLUGIN_DIR} is not set. */
    static final String DEFAULT_PLUGIN_DIR = "/opt/tf-plugins";

    /**
     * The longest one terraform command may take, in seconds. {@code terraform test} of the whole stack takes
     * seconds on 2 cores; five minutes leaves room for a busy machine without letting a hung command stall the build.
     */
    static final long COMMAND_TIMEOUT_SECONDS = 300;

    private static final Pattern TEST_SUMMARY = Pattern.compile("Success! (\\d+) passed, 0 failed\\.");

    private static Path terraform;
    private static Path pluginDir;
    private static Path work;

    /** Why the checks cannot run here (no terraform, no provider mirror), or null when they can. */
    private static String unavailable;

    @BeforeAll
    static void copySources() throws IOException {
        Optional<Path> onPath = findOnPath("terraform");
        pluginDir = Paths.get(setting("PONDER_TF_PLUGIN_DIR", DEFAULT_PLUGIN_DIR));
        if (onPath.isEmpty()) {
            unavailable = "terraform is not on the PATH: skipping the Terraform checks";
        } else if (!Files.isDirectory(pluginDir)) {
            unavailable = "the provider mirror " + pluginDir + " does not exist (set PONDER_TF_PLUGIN_DIR to a "
                    + "directory holding hashicorp/aws ~> 5.100): skipping the Terraform checks";
        }
        if (unavailable != null) {
            System.err.println("TerraformTest: " + unavailable);
            return;
        }
        terraform = onPath.get();

        Path source = source();
        assertThat(source.resolve("modules")).as("terraform sources at %s", source).isDirectory();
        work = Paths.get(System.getProperty("ponder.terraform.work", "target/terraform")).toAbsolutePath();
        deleteRecursively(work);
        copyTree(source, work);
    }

    /** Each test, not only the class, reports the skip and its reason. */
    @BeforeEach
    void requireTerraform() {
        assumeTrue(unavailable == null, () -> unavailable);
    }

    @Test
    void formatIsCanonical() {
        Result fmt = run(work, "fmt", "-check", "-recursive", "-diff", "-no-color");
        assertThat(fmt.exitCode())
                .as("terraform fmt -check -recursive found files to reformat (run `terraform fmt -recursive "
                        + "terraform`):%n%s", fmt.output())
                .isZero();
    }

    @Test
    void everyRootIsChecked() {
        assertThat(roots()).contains("envs/dev", "examples/complete", "examples/minimal", "modules/ponder",
                "modules/function", "modules/queue", "modules/table", "modules/api", "modules/batch-bucket",
                "modules/alarms");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void initValidateAndTest(String root) {
        Path dir = work.resolve(root);

        Result init = run(dir, "init", "-backend=false", "-plugin-dir=" + pluginDir, "-input=false", "-no-color");
        assertThat(init.exitCode()).as("terraform init in %s:%n%s", root, init.output()).isZero();

        Result validate = run(dir, "validate", "-no-color");
        assertThat(validate.exitCode()).as("terraform validate in %s:%n%s", root, validate.output()).isZero();

        Result test = run(dir, "test", "-no-color");
        assertThat(test.exitCode()).as("terraform test in %s:%n%s", root, test.output()).isZero();
        Matcher summary = TEST_SUMMARY.matcher(test.output());
        assertThat(summary.find()).as("terraform test in %s printed no success summary:%n%s", root, test.output())
                .isTrue();
        assertThat(Integer.parseInt(summary.group(1))).as("tests run in %s:%n%s", root, test.output()).isPositive();
    }

    /** envs/*, examples/* and every module with a tests/ directory, as paths relative to terraform/. */
    static List<String> roots() {
        Path source = source();
        List<String> roots = new ArrayList<>();
        for (String group : List.of("envs", "examples", "modules")) {
            Path dir = source.resolve(group);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> children = Files.list(dir)) {
                children.filter(Files::isDirectory)
                        .filter(child -> !group.equals("modules") || Files.isDirectory(child.resolve("tests")))
                        .map(child -> group + "/" + child.getFileName())
                        .sorted()
                        .forEach(roots::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return roots;
    }

    private static Path source() {
        return Paths.get(System.getProperty("ponder.terraform.source", "../../terraform")).toAbsolutePath().normalize();
    }

    private static String setting(String name, String fallback) {
        String property = System.getProperty(name);
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = System.getenv(name);
        return env != null && !env.isBlank() ? env : fallback;
    }

    private static Optional<Path> findOnPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path candidate = Paths.get(entry, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(terraform.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        // No prompts, no version check over the network, output meant for a log.
        builder.environment().put("TF_INPUT", "0");
        builder.environment().put("TF_IN_AUTOMATION", "1");
        builder.environment().put("CHECKPOINT_DISABLE", "1");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // Read while it runs, so a full pipe cannot block the process.
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("terraform " + String.join(" ", args) + " in " + dir + " took longer than "
                        + COMMAND_TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command + " in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** Copies terraform/ without what terraform writes (.terraform/, state, lock files, local tfvars). */
    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.getFileName().toString().equals(".terraform")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (name.contains(".tfstate") || name.equals(".terraform.lock.hcl") || name.equals("terraform.tfvars")
                        || name.endsWith(".tfplan")) {
                    return FileVisitResult.CONTINUE;
                }
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file); // a provider symlink is deleted, never followed
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private record Result(int exitCode, String output) {
    }
}

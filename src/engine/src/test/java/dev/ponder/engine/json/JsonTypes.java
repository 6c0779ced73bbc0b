package dev.ponder.engine.json;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.ponder.core.driver.ChunkResult;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.engine.batch.BatchLine;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.engine.request.FieldError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The classes of ours that Jackson introspects by reflection when it reads or writes given types: in a native image
 * each must be registered for reflection, or Jackson finds no properties (or no creator) there and fails at run time.
 * The deployables' tests check their registrations against it (this class reaches them through the engine's test-jar).
 *
 * <p>It follows what Jackson itself sees: the serialisation and deserialisation properties of each record or bean
 * (with generics resolved), container contents and map keys, type arguments, the {@code @JsonValue} accessor, and the
 * permitted subclasses of a sealed type. A property typed {@code Object} or {@code JsonNode} is a leaf: what it holds
 * at run time is plain JSON (maps, lists, strings, numbers, trees), never one of our types. An open (non-sealed)
 * abstract type of ours is refused, since its run-time classes cannot be known from the types.
 */
public final class JsonTypes {

    /**
     * What the engine itself hands to a Jackson mapper: stage messages on the queues, and what the store keeps as
     * JSON (a search's problem and configuration, chunk results, batch lines) and the bucket's error reports (their
     * field errors). Result rows are maps of plain values.
     */
    public static final List<Type> ENGINE = List.of(StageMessage.class, Problem.class, SearchConfig.class,
            ChunkResult.Samples.class, ChunkResult.Scores.class, BatchLine.class, FieldError.class);

    private static final String OURS = "dev.ponder.";

    private JsonTypes() {
    }

    /** Our classes that Jackson introspects when it reads or writes the roots, in name order. */
    public static Set<Class<?>> reachable(ObjectMapper json, List<Type> roots) {
        Set<Class<?>> seen = new TreeSet<>(Comparator.comparing(Class::getName));
        Set<String> open = new TreeSet<>();
        Deque<JavaType> todo = new ArrayDeque<>();
        roots.forEach(r -> todo.add(json.constructType(r)));
        while (!todo.isEmpty()) {
            JavaType t = todo.removeFirst();
            if (t.getContentType() != null) {
                todo.add(t.getContentType());
            }
            if (t.getKeyType() != null) {
                todo.add(t.getKeyType());
            }
            for (int i = 0; i < t.getBindings().size(); i++) {
                todo.add(t.getBindings().getBoundType(i));
            }
            Class<?> raw = t.getRawClass();
            if (!raw.getName().startsWith(OURS) || !seen.add(raw) || raw.isEnum()) {
                continue;
            }
            if (raw.isSealed()) {
                for (Class<?> sub : raw.getPermittedSubclasses()) {
                    todo.add(json.constructType(sub));
                }
                continue;
            }
            if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
                open.add(raw.getName());
                continue;
            }
            properties(json.getSerializationConfig().introspect(t), todo);
            properties(json.getDeserializationConfig().introspect(t), todo);
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("open abstract types reach JSON (make them sealed, so their classes "
                    + "are known): " + open);
        }
        return seen;
    }

    private static void properties(BeanDescription bean, Deque<JavaType> todo) {
        for (BeanPropertyDefinition p : bean.findProperties()) {
            todo.add(p.getPrimaryType());
        }
        AnnotatedMember value = bean.findJsonValueAccessor();
        if (value != null) {
            todo.add(value.getType());
        }
    }

    /**
     * The classes of a package and their member classes (not anonymous or local ones), as found on the class path in
     * a directory or a jar: the roots of a package that holds nothing but JSON views.
     */
    public static List<Type> classesIn(String packageName) {
        String folder = packageName.replace('.', '/');
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        URL url = loader.getResource(folder);
        if (url == null) {
            throw new IllegalArgumentException("no package " + packageName + " on the class path");
        }
        Set<Type> classes = new LinkedHashSet<>();
        try {
            if (url.getProtocol().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(url.toURI(), Map.of())) {
                    addClasses(jar.getPath(folder), packageName, loader, classes);
                }
            } else {
                addClasses(Path.of(url.toURI()), packageName, loader, classes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(classes);
    }

    private static void addClasses(Path folder, String packageName, ClassLoader loader, Set<Type> classes)
            throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".class") || name.equals("package-info.class")) {
                    continue;
                }
                Class<?> c;
                try {
                    c = Class.forName(packageName + "." + name.substring(0, name.length() - 6), false, loader);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
                if (!c.isAnonymousClass() && !c.isLocalClass() && !c.isSynthetic()) {
                    classes.add(c);
                }
            }
        }
    }
}
